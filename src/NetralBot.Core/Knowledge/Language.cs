namespace NetralBot.Core.Knowledge;

/// <summary>The languages the bot speaks; Indonesian first.</summary>
public enum Language
{
    Indonesian,
    English,
}
