using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NetralBot.Tests.Hostile;

/// <summary>
/// The ways a store could hold a value without it showing as text: as an integer (SQLite writes big-endian in 1 to
/// 8 bytes; a careless encoder little-endian), as hex, as base64, or as an unkeyed hash of any of these.
/// </summary>
public static class Encodings
{
    /// <summary>Byte patterns that would betray <paramref name="value"/>, with a name for the failure message.</summary>
    public static IEnumerable<(string Name, byte[] Pattern)> Of(string value)
    {
        var text = Encoding.UTF8.GetBytes(value);
        var forms = new List<(string, byte[])> { ("text", text), ("utf-16", Encoding.Unicode.GetBytes(value)) };
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            var big = new byte[8];
            BinaryPrimitives.WriteInt64BigEndian(big, number);
            var little = new byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(little, number);
            var significant = 8 - big.TakeWhile(b => b == 0).Count();
            // SQLite's record format: the smallest of 1, 2, 3, 4, 6, 8 bytes, big-endian.
            var sqliteWidth = new[] { 1, 2, 3, 4, 6, 8 }.First(w => w >= significant);
            forms.Add(("integer (SQLite, big-endian)", big[(8 - sqliteWidth)..]));
            forms.Add(("integer (little-endian)", little[..Math.Max(significant, 4)]));
            forms.Add(("integer as double", BitConverter.GetBytes((double)number).Reverse().ToArray()));
        }
        foreach (var (name, bytes) in forms.ToList())
        {
            forms.Add(($"hex of {name}", Encoding.ASCII.GetBytes(Convert.ToHexStringLower(bytes))));
            forms.Add(($"HEX of {name}", Encoding.ASCII.GetBytes(Convert.ToHexString(bytes))));
            forms.Add(($"base64 of {name}", Encoding.ASCII.GetBytes(Convert.ToBase64String(bytes).TrimEnd('='))));
            var sha = SHA256.HashData(bytes);
            forms.Add(($"unkeyed SHA-256 of {name}", sha));
            forms.Add(($"unkeyed SHA-256 hex of {name}", Encoding.ASCII.GetBytes(Convert.ToHexStringLower(sha))));
            forms.Add(($"unkeyed SHA-256 base64 of {name}", Encoding.ASCII.GetBytes(Convert.ToBase64String(sha).TrimEnd('='))));
        }
        return forms;
    }

    /// <summary>The names of the encodings of <paramref name="value"/> found in <paramref name="haystack"/>.</summary>
    public static List<string> FoundIn(byte[] haystack, string value) =>
        Of(value).Where(f => haystack.AsSpan().IndexOf(f.Pattern) >= 0).Select(f => f.Name).ToList();

    /// <summary>The bytes of a SQLite database with its -wal and -shm files, as they are on disk (pools cleared first).</summary>
    public static byte[] SqliteFiles(string databaseFile)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return [.. new[] { databaseFile, databaseFile + "-wal", databaseFile + "-shm" }.Where(File.Exists).SelectMany(f =>
        {
            using var stream = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            return memory.ToArray();
        })];
    }
}
