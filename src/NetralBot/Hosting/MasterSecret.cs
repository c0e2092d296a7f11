using System.Security.Cryptography;
using System.Text;

namespace NetralBot.Hosting;

/// <summary>
/// The bot's master secret, read from the key file or created there on first run (owner-only permissions).
/// Purpose-specific keys are derived from it with HKDF, so one file serves every purpose without reuse.
/// </summary>
public sealed class MasterSecret
{
    private const int Length = 32;
    private readonly byte[] _secret;

    private MasterSecret(byte[] secret) => _secret = secret;

    /// <summary>True when the last call created the file (the caller logs it).</summary>
    public bool Created { get; private init; }

    /// <param name="path">The key file.</param>
    /// <param name="databaseFile">The database it belongs to: when that exists, a missing key is restored, never made anew.</param>
    public static MasterSecret LoadOrCreate(string path, string? databaseFile = null)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new StartupRefusedException($"Security:KeyFile {full} is a folder; it must be the path of the key file (e.g. data/netralbot.key).");
        }
        if (File.Exists(full))
        {
            if (OwnerOnlyFiles.OthersMayRead(full))
            {
                throw new StartupRefusedException($"The key file {full} may be read by group or others; make it owner-only (chmod 600 {full}) and start again.");
            }
            string text;
            try
            {
                text = File.ReadAllText(full).Trim();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new StartupRefusedException($"The key file {full} cannot be read: {ex.Message}", ex);
            }
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(text);
            }
            catch (FormatException)
            {
                throw new InvalidOperationException($"The key file {full} is not valid base64. Restore it from your backup, or delete it to start with a new key (existing conversations will restart).");
            }
            if (bytes.Length != Length)
            {
                throw new InvalidOperationException($"The key file {full} holds {bytes.Length} bytes; expected {Length}.");
            }
            return new MasterSecret(bytes);
        }
        return CreateNew(full, databaseFile);
    }

    /// <summary>
    /// With PostgreSQL every worker shares one key file, which the operator creates once (<c>netralbot keys create</c>)
    /// and copies to each worker: a missing file is refused, never made anew (each worker would get its own key).
    /// </summary>
    public static MasterSecret LoadShared(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full) && !Directory.Exists(full))
        {
            throw new StartupRefusedException(
                $"The key file {full} (Security:KeyFile) is missing. With PostgreSQL all workers share one key file, which is never created at start-up: " +
                $"create it once with `netralbot keys create` (it writes Security:KeyFile, owner-only), back it up, copy the same file to every worker (chmod 600), and start again. " +
                "If this database was used before, restore its key file from your backup instead.");
        }
        return LoadOrCreate(full);
    }

    /// <summary>Writes a new key file (owner-only) for <c>netralbot keys create</c>; refuses to overwrite one.</summary>
    public static void CreateFile(string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full) || Directory.Exists(full))
        {
            throw new StartupRefusedException($"{full} exists already; a key file is never overwritten (the data encrypted with it would be lost).");
        }
        CreateNew(full, null);
    }

    private static MasterSecret CreateNew(string full, string? databaseFile)
    {
        if (databaseFile is not null && File.Exists(databaseFile) && new FileInfo(databaseFile).Length > 0 && Storage.TipCipher.WasUsedWithAKey(databaseFile))
        {
            throw new StartupRefusedException(
                $"The key file {full} (Security:KeyFile) is missing, but the database {databaseFile} exists and cannot be read without it: restore the key file from your backup. Nothing was written.");
        }
        if (Path.GetDirectoryName(full) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }
        var secret = RandomNumberGenerator.GetBytes(Length);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var writer = new StreamWriter(full, Encoding.ASCII, options))
        {
            writer.Write(Convert.ToBase64String(secret));
        }
        return new MasterSecret(secret) { Created = true };
    }

    public byte[] Derive(string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _secret, Length, info: Encoding.UTF8.GetBytes("netralbot/" + purpose));
}
