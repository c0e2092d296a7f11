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
    public void Constructor_ShortSecret_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new ConversationKeys(new byte[16]));
    }
}
