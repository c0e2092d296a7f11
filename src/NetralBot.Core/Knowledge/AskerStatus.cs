namespace NetralBot.Core.Knowledge;

/// <summary>The employment status the asker mentioned, which selects the sanction shown.</summary>
public enum AskerStatus
{
    Unknown,
    Pns,
    Pppk,
    Ppnpn,
}
