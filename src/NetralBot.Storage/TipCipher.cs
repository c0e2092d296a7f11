using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace NetralBot.Storage;

/// <summary>
/// AES-256-GCM for everything a tip contains (content, messages, drafts, evidence files). Each value gets a fresh
/// 96-bit nonce; the stored form is nonce | tag | ciphertext. <paramref name="purpose"/> is bound as associated data
/// so a value cannot be moved to another column and still decrypt.
/// </summary>
public sealed class TipCipher(byte[] key)
{
    private const int NonceSize = 12, TagSize = 16;
    private const string Probe = "netralbot-key-check";

    public byte[] Encrypt(ReadOnlySpan<byte> plaintext, string purpose)
    {
        var output = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(purpose));
        return output;
    }

    public byte[] Decrypt(ReadOnlySpan<byte> stored, string purpose)
    {
        if (stored.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The stored value is too short to be encrypted data.");
        }
        var plaintext = new byte[stored.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(stored[..NonceSize], stored[(NonceSize + TagSize)..], stored.Slice(NonceSize, TagSize), plaintext, Encoding.UTF8.GetBytes(purpose));
        return plaintext;
    }

    public byte[] EncryptText(string text, string purpose) => Encrypt(Encoding.UTF8.GetBytes(text), purpose);

    public string DecryptText(byte[] stored, string purpose) => Encoding.UTF8.GetString(Decrypt(stored, purpose));

    private const string SelectProbe = "SELECT probe FROM crypto_check WHERE id = 1";
    // Workers starting together: the first probe written wins, and every worker then checks its key against it.
    private const string InsertProbe = "INSERT INTO crypto_check (id, probe) VALUES (1, @Probe) ON CONFLICT (id) DO NOTHING";

    /// <summary>
    /// Checks the key against the database: the first run stores an encrypted probe; later runs must decrypt it.
    /// A wrong key is a clear error at start-up rather than unreadable tips later.
    /// </summary>
    private const string SelectProbeIfAny = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'crypto_check'";

    /// <summary>
    /// True when the database file was used with a key (it holds the probe), read without writing anything; a file
    /// that cannot be read counts as used, so a missing key is never replaced next to it.
    /// </summary>
    public static bool WasUsedWithAKey(string databaseFile)
    {
        var readOnly = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = databaseFile, Mode = Microsoft.Data.Sqlite.SqliteOpenMode.ReadOnly, Pooling = false };
        try
        {
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection(readOnly.ToString());
            connection.Open();
            return connection.ExecuteScalar<long>(SelectProbeIfAny) > 0 && connection.QuerySingleOrDefault<byte[]>(SelectProbe) is not null;
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return true;
        }
    }

    public void VerifyKey(Database database)
    {
        using var connection = database.Open();
        var stored = connection.QuerySingleOrDefault<byte[]>(SelectProbe);
        if (stored is null)
        {
            connection.Execute(InsertProbe, new { Probe = EncryptText(Probe, "crypto_check") });
            stored = connection.QuerySingle<byte[]>(SelectProbe);
        }
        try
        {
            if (DecryptText(stored, "crypto_check") == Probe)
            {
                return;
            }
        }
        catch (CryptographicException)
        {
        }
        throw new WrongKeyException();
    }
}
