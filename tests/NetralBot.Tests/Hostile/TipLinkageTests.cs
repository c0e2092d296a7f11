using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NetralBot.Storage;

namespace NetralBot.Tests.Hostile;

/// <summary>
/// Whoever holds the key and the database can compute the conversation key of any candidate chat id (issue 10).
/// After a tip is sent, nothing in the sender's conversation row may point to the tip: not its content, not its
/// dates, not a time close to the tip's.
/// </summary>
public class TipLinkageTests
{
    [Fact]
    public async Task Issue10_AfterATipIsSent_TheConversationRowHoldsNothingOfIt_AndTimesAreCoarse()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 13, 37, 21, 456, TimeSpan.Zero));
        using var bot = new TestBot(services: s => s.AddSingleton<TimeProvider>(time));
        var code = await TipFlowTests.SendTipAsync(bot);

        using var connection = bot.Get<Database>().Open();
        var receiptHash = connection.QuerySingle<string>("SELECT receipt_hash FROM tips");
        var derivedValues = new[] { code, code.Replace("-", "", StringComparison.Ordinal), receiptHash, "2026-11-19", "Bapak Terlapor Unik" };
        foreach (var (table, value) in ValuesOutsideTheTipsTables(connection))
        {
            foreach (var derived in derivedValues)
            {
                Assert.False(value.Contains(derived, StringComparison.OrdinalIgnoreCase), $"{table} holds '{derived}'");
            }
        }
        var conversation = connection.QuerySingle<(string State, string Context, long UpdatedAt)>(
            "SELECT state AS State, context AS Context, updated_at AS UpdatedAt FROM conversations");
        var tip = connection.QuerySingle<(long CreatedAt, long UpdatedAt)>("SELECT created_at AS CreatedAt, updated_at AS UpdatedAt FROM tips");

        // "kemarin" was 2026-11-19: no spelling of the event date, the category or any offered step of the report remains.
        foreach (var derived in new[] { "2026-11-19", "19 November", "19/11", "1763", "Pemilu", "kategori", "Kirim", "lapor" })
        {
            Assert.DoesNotContain(derived, conversation.Context, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal("""{"Language":"id","Status":"Unknown","LastRuleId":null,"Offered":[],"WrongCodes":0,"WrongCodesSinceMs":null}""", conversation.Context);
        Assert.Equal(0, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM private_states"));

        const long Hour = 3_600_000, Day = 24 * Hour;
        Assert.Equal(0, tip.CreatedAt % Hour);
        Assert.Equal(0, tip.UpdatedAt % Hour);
        Assert.Equal(0, conversation.UpdatedAt % Day);
        Assert.NotEqual(tip.CreatedAt, conversation.UpdatedAt); // 13:00 and the day's start: hours apart, not milliseconds
    }

    [Fact]
    public async Task Issue10_EveryTimestampOfTipsAndConversations_IsCoarse_EvenWhenAnotherChatTalksMeanwhile()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 23, 59, 59, 999, TimeSpan.Zero));
        using var bot = new TestBot(services: s => s.AddSingleton<TimeProvider>(time));
        await TipFlowTests.SendTipAsync(bot);
        await bot.SendAsync("someone-else", "boleh like postingan caleg?");
        time.Advance(TimeSpan.FromMilliseconds(7));
        await bot.SendAsync("a-third", "halo");

        using var connection = bot.Get<Database>().Open();
        var times = connection.Query<long>("SELECT created_at FROM tips UNION ALL SELECT updated_at FROM tips UNION ALL SELECT updated_at FROM conversations").ToList();
        Assert.All(times, t => Assert.Equal(0, t % 3_600_000));
    }

    [Fact]
    public async Task Issue10_TheStepThatAcknowledgesATip_CommitsWithSynchronousFull_AQuestionsStepDoesNotWaitForTheDisk()
    {
        using var bot = new TestBot();
        await TipFlowTests.FillReportAsync(bot);
        await bot.SendAsync("someone-else", "boleh like postingan caleg?");
        var keys = bot.Get<ConversationKeys>();

        // The level in force inside a conversation's next step (ConversationStore.Update), i.e. the one its commit uses.
        int SynchronousOfNextStep(string chat) => bot.Get<ConversationStore>().Update(keys.For("telegram", chat), (state, work) =>
            (state!, (IReadOnlyList<NetralBot.Core.Conversations.LogQuestion>)[], work.Connection.ExecuteScalar<int>("PRAGMA synchronous", transaction: work.Transaction)));

        Assert.Equal(2, SynchronousOfNextStep(TipFlowTests.ChatId)); // FULL: the tip is on disk before its receipt code is shown
        Assert.Equal(1, SynchronousOfNextStep("someone-else")); // NORMAL: an answer to a question does not wait for the disk
        var sent = await bot.SendAsync(TipFlowTests.ChatId, null, NetralBot.Core.Dialogs.Payloads.Send, sender: TipFlowTests.SenderId);
        Assert.Matches(TipFlowTests.CodePattern(), sent.Replies[0].Text); // and the tip went through
        using var other = bot.Get<Database>().Open();
        Assert.Equal(1, other.ExecuteScalar<int>("PRAGMA synchronous")); // NORMAL elsewhere (broadcast outbox)
    }

    /// <summary>Every value of every table but the tip's own, as text, hex and base64 (blobs also as Latin-1).</summary>
    private static IEnumerable<(string Table, string Value)> ValuesOutsideTheTipsTables(System.Data.Common.DbConnection connection)
    {
        var tables = connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('tips', 'tip_messages', 'evidence_files')").ToList();
        foreach (var table in tables)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var raw = reader.GetValue(i);
                    var bytes = raw as byte[] ?? System.Text.Encoding.UTF8.GetBytes(Convert.ToString(raw, System.Globalization.CultureInfo.InvariantCulture) ?? "");
                    yield return (table, System.Text.Encoding.Latin1.GetString(bytes) + " " + Convert.ToHexString(bytes) + " " + Convert.ToBase64String(bytes));
                }
            }
        }
    }
}
