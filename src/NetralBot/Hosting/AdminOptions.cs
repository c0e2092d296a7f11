using System.ComponentModel.DataAnnotations;

namespace NetralBot.Hosting;

/// <summary>Who may review tips: "channel:userId" entries, e.g. "telegram:123456789" or "console:local".</summary>
public sealed class AdminOptions : IValidatableObject
{
    public const string SectionName = "Admins";

    public List<string> Users { get; set; } = [];

    /// <summary>Every Monday 07:00 local time, send each admin the past week's statistics picture and unanswered questions.</summary>
    public bool WeeklyDigest { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var user in Users.Where(u => u.Split(':') is not [{ Length: > 0 }, { Length: > 0 }] || u.Any(char.IsWhiteSpace)))
        {
            yield return new ValidationResult($"Admins:Users entry '{user}' must be channel:user id, e.g. telegram:123456789 or console:local.", [nameof(Users)]);
        }
    }

    public bool IsAdmin(string channel, string? userId) =>
        userId is not null && Users.Contains(channel + ":" + userId, StringComparer.Ordinal);
}
