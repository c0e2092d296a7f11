namespace NetralBot.Storage.Tests;

public class ConversationKeysTests
{
    private static readonly byte[] SecretA = Enumerable.Repeat((byte)1, 32).ToArray();
    private static readonly byte[] SecretB = Enumerable.Repeat((byte)2, 32).ToArray();

    [Fact]
    public void For_SameChat_IsStable_AndDiffersByChannelChatAndSecret()
    {
        var keys = new ConversationKeys(SecretA);
        Assert.Equal(keys.For("telegram", "42"), keys.For("telegram", "42"));
        Assert.NotEqual(keys.For("telegram", "42"), keys.For("whatsapp", "42"));
        Assert.NotEqual(keys.For("telegram", "42"), keys.For("telegram", "43"));
        Assert.NotEqual(keys.For("telegram", "42"), new ConversationKeys(SecretB).For("telegram", "42"));
        Assert.Equal(64, keys.For("telegram", "42").Length);
    }

    [Fact]
    public void For_IsTheHmacOfChannelAndChatId_OnEveryThread_SoStoredConversationsKeepTheirKeys()
    {
        using var keys = new ConversationKeys(SecretA);
        string Expected(string channel, string chat) =>
            Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(SecretA, System.Text.Encoding.UTF8.GetBytes(channel + ":" + chat)));
        var chats = Enumerable.Range(0, 2_000).Select(i => (Channel: i % 2 == 0 ? "telegram" : "whatsapp", Chat: "628" + i + (i % 7 == 0 ? "é" : ""))).ToList();
        var derived = new string[chats.Count];
        Parallel.For(0, chats.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => derived[i] = keys.For(chats[i].Channel, chats[i].Chat));
        Assert.Equal(chats.Select(c => Expected(c.Channel, c.Chat)), derived);
        Assert.Equal(Expected("web", new string('x', 600)), keys.For("web", new string('x', 600)));
    }

    [Fact]
    public void Constructor_ShortSecret_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new ConversationKeys(new byte[16]));
    }
}
