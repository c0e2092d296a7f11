using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using NetralBot.Core.Tips;
using NetralBot.Storage;
using NetralBot.Storage.Tests;

namespace NetralBot.Tests.Hostile;

/// <summary>
/// The anonymity tests searched the database for the sender's ids as text only (issue 10): an id stored as an
/// INTEGER, as hex or base64, or appended to the encrypted tip content went unnoticed. These search every encoding,
/// the decrypted tips too.
/// </summary>
public class AnonymityEncodingTests
{
    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Issue10_SenderIds_AreInNoEncoding_NotInTheDatabaseFiles_NorInTheDecryptedTips(StorageProvider provider)
    {
        using var bot = new TestBot(provider: provider);
        var code = await TipFlowTests.SendTipAsync(bot);
        await bot.SendAsync("another-device", $"/status {code}");

        var files = DatabaseFiles(bot);
        var decrypted = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(bot.Get<TipReview>().Export("test")));
        foreach (var id in new[] { TipFlowTests.ChatId, TipFlowTests.SenderId })
        {
            Assert.Empty(Encodings.FoundIn(files, id));
            Assert.Empty(Encodings.FoundIn(decrypted, id));
        }
        Assert.Contains("Kepala Dinas Contoh", Encoding.UTF8.GetString(decrypted), StringComparison.Ordinal); // the decryption worked
    }

    [Fact]
    public void Encodings_FindAnIdStoredAsAnInteger_OrAppendedToTheTipContent()
    {
        // The search itself must catch the planted bugs it exists for.
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        connection.Execute("CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (@V)", new { V = long.Parse(TipFlowTests.ChatId, System.Globalization.CultureInfo.InvariantCulture) });
        var folder = Directory.CreateTempSubdirectory("netralbot-encodings").FullName;
        var file = Path.Combine(folder, "t.db");
        connection.Execute($"VACUUM INTO '{file}'");
        SqliteConnection.ClearAllPools();

        Assert.Contains("integer (SQLite, big-endian)", Encodings.FoundIn(File.ReadAllBytes(file), TipFlowTests.ChatId));
        var tipWithId = JsonSerializer.Serialize(TipDraft.Empty with { What = "cerita " + Convert.ToBase64String(Encoding.UTF8.GetBytes(TipFlowTests.SenderId)) });
        Assert.NotEmpty(Encodings.FoundIn(Encoding.UTF8.GetBytes(tipWithId), TipFlowTests.SenderId));
    }

    [Fact]
    public async Task Encodings_FindAChatIdThePostgresBotStores_InTheDump_AndAsAStatementParameterInTheServerLog()
    {
        // A subscriber's chat id is stored on purpose (to send broadcasts): the search must see it in both places.
        using var bot = new TestBot(provider: StorageProvider.Postgres);
        await bot.SubscribeAsync(TipFlowTests.ChatId);

        Assert.Contains("text", Encodings.FoundIn(Encoding.UTF8.GetBytes(PostgresCluster.Shared.Dump(bot.PostgresDatabase!)), TipFlowTests.ChatId));
        var log = PostgresCluster.Shared.ServerLog(bot.PostgresDatabase!);
        Assert.Contains("parameters:", log, StringComparison.Ordinal);
        Assert.Contains("text", Encodings.FoundIn(Encoding.UTF8.GetBytes(log), TipFlowTests.ChatId));
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Issue10_ReceiptCode_IsStoredOnlyAsItsKeyedHash(StorageProvider provider)
    {
        using var bot = new TestBot(provider: provider);
        var code = await TipFlowTests.SendTipAsync(bot);
        var normalized = ReceiptCode.Normalize(code)!;

        using var connection = bot.Get<Database>().Open();
        var stored = connection.QuerySingle<string>("SELECT receipt_hash FROM tips");
        Assert.Equal(bot.Get<ReceiptHashes>().For(normalized), stored);
        Assert.NotEqual(new ReceiptHashes(new byte[32]).For(normalized), stored); // it depends on the key
        Assert.NotEqual(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized))), stored);
        var files = DatabaseFiles(bot);
        foreach (var form in new[] { code, normalized, code.ToLowerInvariant(), normalized.ToLowerInvariant() })
        {
            Assert.Empty(Encodings.FoundIn(files, form));
        }
    }

    /// <summary>SQLite: the database files' bytes. PostgreSQL: pg_dump's output and the server's log lines about the database.</summary>
    private static byte[] DatabaseFiles(TestBot bot)
    {
        if (bot.Get<Database>().IsPostgres)
        {
            var stored = bot.DatabaseBytesAsText();
            Assert.Contains("COPY public.tips", stored, StringComparison.Ordinal); // the dump holds the data
            Assert.Contains("INSERT INTO tips", stored, StringComparison.Ordinal); // the log holds the statements
            return Encoding.UTF8.GetBytes(stored);
        }
        return Encodings.SqliteFiles(bot.DatabaseFile);
    }
}
