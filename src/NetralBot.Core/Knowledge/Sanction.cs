namespace NetralBot.Core.Knowledge;

/// <summary>The sanction text, in general and optionally per employment status.</summary>
public sealed record Sanction(string General, string? Pns, string? Pppk, string? Ppnpn)
{
    /// <summary>The text for the asker's status, falling back to the general one.</summary>
    public string For(AskerStatus status) => status switch
    {
        AskerStatus.Pns => Pns ?? General,
        AskerStatus.Pppk => Pppk ?? General,
        AskerStatus.Ppnpn => Ppnpn ?? General,
        _ => General,
    };
}
