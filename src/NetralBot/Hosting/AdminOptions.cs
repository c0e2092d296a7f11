namespace NetralBot.Hosting;

/// <summary>Who may review tips: "channel:userId" entries, e.g. "telegram:123456789" or "console:local".</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admins";

    public List<string> Users { get; set; } = [];

    public bool IsAdmin(string channel, string? userId) =>
        userId is not null && Users.Contains(channel + ":" + userId, StringComparer.Ordinal);
}
