using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NetralBot.Conversations;
using NetralBot.Core.Conversations;
using NetralBot.Dialogs;
using NetralBot.Hosting;
using NetralBot.Storage;

namespace NetralBot.Tests;

public class ConversationServiceTests
{
    private static (ConversationService Service, SqliteDatabase Database) Create(CliRunner temp)
    {
        var database = new SqliteDatabase($"Data Source={temp.DatabaseFile}");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 1, 0, 0, TimeSpan.Zero));
        database.Initialize(time);
        var service = new ConversationService(
            new DialogsProvider(CliRunner.RepositoryDialogs, DialogFolder.Load(CliRunner.RepositoryDialogs), NullLogger<DialogsProvider>.Instance),
            new ConversationStore(database, time),
            new ConversationKeys(Enumerable.Repeat((byte)7, 32).ToArray()),
            Options.Create(new BotOptions { HumanContact = "helpdesk" }),
            NullLogger<ConversationService>.Instance);
        return (service, database);
    }

    [Fact]
    public async Task ManyChatsAtOnce_EachKeepsItsOwnOrderAndState()
    {
        using var temp = new CliRunner();
        var (service, database) = Create(temp);
        const int chats = 40;
        await Task.WhenAll(Enumerable.Range(0, chats).Select(chat => Task.Run(async () =>
        {
            // Each chat: menu, pick the first topic by number, then its first rule by number.
            await service.HandleAsync(new InboundMessage("test", chat.ToString(System.Globalization.CultureInfo.InvariantCulture), "/menu"));
            await service.HandleAsync(new InboundMessage("test", chat.ToString(System.Globalization.CultureInfo.InvariantCulture), "1"));
            var last = await service.HandleAsync(new InboundMessage("test", chat.ToString(System.Globalization.CultureInfo.InvariantCulture), "1"));
            Assert.Equal("ShowingAnswer", last.State.State);
        })));

        using var connection = database.Open();
        Assert.Equal(chats, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM conversations WHERE state = 'ShowingAnswer'"));
    }

    [Fact]
    public async Task NewTelegramUserWithEnglishClient_StartsInEnglish()
    {
        using var temp = new CliRunner();
        var (service, _) = Create(temp);
        var outcome = await service.HandleAsync(new InboundMessage("test", "en-user", "/start", LanguageCode: "en"));
        Assert.Contains("Hello!", outcome.Replies[0].Text, StringComparison.Ordinal);
    }
}
