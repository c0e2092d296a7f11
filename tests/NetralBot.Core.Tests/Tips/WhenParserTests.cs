using NetralBot.Core.Tips;

namespace NetralBot.Core.Tests.Tips;

public class WhenParserTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    [Theory]
    [InlineData("kemarin", "2026-11-24")]
    [InlineData("kmrn sore", "2026-11-24")]
    [InlineData("tadi pagi", "2026-11-25")]
    [InlineData("3 hari lalu", "2026-11-22")]
    [InlineData("2 minggu yang lalu", "2026-11-11")]
    [InlineData("12/11", "2026-11-12")]
    [InlineData("12/11/2026", "2026-11-12")]
    [InlineData("12 November", "2026-11-12")]
    [InlineData("tgl 3 nov 2026", "2026-11-03")]
    [InlineData("2026-11-01", "2026-11-01")]
    [InlineData("20/12", "2025-12-20")] // a day later in the year than today means last year
    public void Parse_CommonWays_GiveTheDate(string text, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), WhenParser.Parse(text, Today));
    }

    [Theory]
    [InlineData("waktu kampanye")]
    [InlineData("31/02")]
    [InlineData("")]
    public void Parse_Unreadable_IsNull(string text)
    {
        Assert.Null(WhenParser.Parse(text, Today));
    }
}
