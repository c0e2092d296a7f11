using NetralBot.Core.Reminders;

namespace NetralBot.Core.Tests.Reminders;

public class SendTimeTests
{
    // 25 Nov 2026 23:30 WIB = 16:30 UTC; already 26 Nov in WITA (00:30).
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 16, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-12-01 07:00 Besok masa tenang.", "2026-12-01T00:00:00Z", "WIB", "Besok masa tenang.")]
    [InlineData("1/12/2026 07.00 WITA Pesan", "2026-11-30T23:00:00Z", "WITA", "Pesan")]
    [InlineData("besok 07:00 WIT Pesan\ndua baris", "2026-11-26T22:00:00Z", "WIT", "Pesan\ndua baris")]  // in WIT it is already 26 Nov
    [InlineData("hari ini 23:45 Segera", "2026-11-25T16:45:00Z", "WIB", "Segera")]
    [InlineData("Tomorrow 9:05 wib", "2026-11-26T02:05:00Z", "WIB", "")]
    public void ReadsTheTime_InTheZoneNamed(string text, string expectedUtc, string zone, string rest)
    {
        Assert.True(SendTime.TryParse(text, Now, out var at, out var tz, out var message));
        Assert.Equal(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), at.ToUniversalTime());
        Assert.Equal(zone, tz.StandardName);
        Assert.Equal(rest, message);
    }

    [Theory]
    [InlineData("Besok masa tenang dimulai")]
    [InlineData("2026-13-01 07:00 teks")]
    [InlineData("2026-12-01 25:00 teks")]
    [InlineData("31/2/2027 07:00 teks")]
    [InlineData("07:00 teks")]
    public void NotATime_IsRefused(string text) => Assert.False(SendTime.TryParse(text, Now, out _, out _, out _));
}
