namespace NetralBot.Core.Tips;

/// <summary>What kind of violation a tip is about. Member names are stored: renaming needs a migration.</summary>
public enum TipCategory
{
    CampaignAttributes,
    SocialMedia,
    StateFacilities,
    Mobilising,
    MoneyGifts,
    FavourableDecision,
    Other,
}
