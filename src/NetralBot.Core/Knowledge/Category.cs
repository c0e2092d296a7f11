namespace NetralBot.Core.Knowledge;

/// <summary>A topic in the menu (one rules file), with its rules in file order.</summary>
public sealed record Category(string Id, string Title, string TitleEn, IReadOnlyList<string> RuleIds)
{
    public string TitleIn(Language language) => language == Language.English ? TitleEn : Title;
}
