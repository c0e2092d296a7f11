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

    public static MasterSecret LoadOrCreate(string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            var text = File.ReadAllText(full).Trim();
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
