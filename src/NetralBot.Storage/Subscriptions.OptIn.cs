using Dapper;

namespace NetralBot.Storage;

public sealed partial class Subscriptions
{
    private const string SetOptIn = """
        UPDATE subscribers SET opted_in_at = @Now, opt_in_wording = @Wording WHERE channel = @Channel AND chat_id = @ChatId
        """;

    /// <summary>
    /// Records the person's explicit yes (WhatsApp requires it before messages the business starts): when, and the
    /// version of the wording they agreed to. Called right after <see cref="Subscribe(StoreTransaction, string, string, string, string?, string?)"/>.
    /// </summary>
    public void RecordOptIn(StoreTransaction work, string channel, string chatId, string wording) =>
        work.Connection.Execute(SetOptIn, new { Channel = channel, ChatId = chatId, Wording = wording, Now = UnixTime.ToMs(time.GetUtcNow()) }, work.Transaction);
}
