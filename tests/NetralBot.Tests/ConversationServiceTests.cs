using Dapper;
using NetralBot.Core.Conversations;
using NetralBot.Storage;

namespace NetralBot.Tests;

public class ConversationServiceTests
{
    [Fact]
    public async Task ManyChatsAtOnce_EachKeepsItsOwnOrderAndState()
    {
        using var bot = new TestBot();
        const int chats = 40;
        await Task.WhenAll(Enumerable.Range(0, chats).Select(chat => Task.Run(async () =>
        {
            // Each chat: menu, pick the first topic by number, then its first rule by number.
            var id = chat.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await bot.SendAsync(id, "/menu");
            await bot.SendAsync(id, "1");
            var last = await bot.SendAsync(id, "1");
            Assert.Equal("ShowingAnswer", last.State.State);
        })));

        using var connection = bot.Get<Database>().Open();
        Assert.Equal(chats, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM conversations WHERE state = 'ShowingAnswer'"));
    }

    [Fact]
    public async Task NewTelegramUserWithEnglishClient_StartsInEnglish()
    {
        using var bot = new TestBot();
        var outcome = await bot.Conversations.HandleAsync(new InboundMessage("telegram", "en-user", "/start", LanguageCode: "en"));
        Assert.Contains("Hello!", outcome.Replies[0].Text, StringComparison.Ordinal);
    }
}
