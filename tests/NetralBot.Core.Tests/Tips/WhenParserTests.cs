using System.Globalization;
using NetralBot.Core.Tips;

namespace NetralBot.Core.Tests.Tips;

public class WhenParserTests
{
    /// <summary>A Wednesday.</summary>
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static DateOnly Date(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("kemarin", "2026-11-24")]
    [InlineData("kmrn sore", "2026-11-24")]
    [InlineData("kemarin sore", "2026-11-24")]
    [InlineData("tadi pagi", "2026-11-25")]
    [InlineData("3 hari lalu", "2026-11-22")]
    [InlineData("dua hari yang lalu", "2026-11-23")]
    [InlineData("kemarin lusa", "2026-11-23")]
    [InlineData("2 minggu yang lalu", "2026-11-11")]
    [InlineData("2 minggu kemarin", "2026-11-11")]
    [InlineData("12/11", "2026-11-12")]
    [InlineData("12/11/2026", "2026-11-12")]
    [InlineData("12 November", "2026-11-12")]
    [InlineData("tgl 3 nov 2026", "2026-11-03")]
    [InlineData("tanggal 20", "2026-11-20")]
    [InlineData("2026-11-01", "2026-11-01")]
    [InlineData("20/12", "2025-12-20")] // a day later in the year than today means last year
    [InlineData("kemarin jam 09.11", "2026-11-24")] // a clock time is not 9 November
    public void Parse_CommonWays_GiveTheDate(string text, string expected)
    {
        Assert.Equal(Date(expected), WhenParser.Parse(text, Today));
    }

    [Theory]
    [InlineData("senin kemarin pas apel pagi", "2026-11-23")] // issue 11: was stored as a Friday
    [InlineData("senin lalu", "2026-11-23")]
    [InlineData("hari senin", "2026-11-23")]
    [InlineData("Senen wingi", "2026-11-23")]
    [InlineData("selasa", "2026-11-24")]
    [InlineData("Salasa kamari", "2026-11-24")]
    [InlineData("hari rabu kemarin", "2026-11-18")] // today is Wednesday: "kemarin" makes it last week's
    [InlineData("rabu ini", "2026-11-25")]
    [InlineData("rabu tadi pagi", "2026-11-25")]
    [InlineData("kamis lalu", "2026-11-19")]
    [InlineData("Kemis", "2026-11-19")]
    [InlineData("jumat lalu", "2026-11-20")]
    [InlineData("Jum'at kemarin", "2026-11-20")]
    [InlineData("jemuah", "2026-11-20")]
    [InlineData("sabtu kemarin sore", "2026-11-21")]
    [InlineData("setu", "2026-11-21")]
    [InlineData("hari minggu", "2026-11-22")]
    [InlineData("minggu pagi", "2026-11-22")]
    [InlineData("hari minggu lalu", "2026-11-22")]
    [InlineData("ahad", "2026-11-22")]
    [InlineData("malam minggu kemarin", "2026-11-21")] // the eve of Sunday is Saturday evening
    [InlineData("malam jumat", "2026-11-19")]
    [InlineData("last Monday", "2026-11-23")]
    [InlineData("on friday morning", "2026-11-20")]
    [InlineData("Sunday", "2026-11-22")]
    [InlineData("senin, 23/11", "2026-11-23")] // the day name agrees with the date
    [InlineData("senin 9/11", "2026-11-09")]
    public void Parse_DayNames_GiveTheMostRecentSuchDay(string text, string expected)
    {
        Assert.Equal(Date(expected), WhenParser.Parse(text, Today));
    }

    [Theory]
    [InlineData("senin kemarin", "2026-11-16")] // on a Monday, "senin kemarin" is a week ago
    [InlineData("senin lalu", "2026-11-16")]
    [InlineData("last monday", "2026-11-16")]
    [InlineData("senin ini", "2026-11-23")]
    [InlineData("hari ini", "2026-11-23")]
    [InlineData("minggu kemarin", null)] // "minggu kemarin" is last week, not Sunday
    [InlineData("senin", null)] // today or a week ago: asked
    [InlineData("hari senin", null)]
    public void Parse_OnAMonday_TheSameDayIsAWeekAgoOnlyWhenSaidSo(string text, string? expected)
    {
        var monday = new DateOnly(2026, 11, 23);
        Assert.Equal(expected is null ? null : Date(expected), WhenParser.Parse(text, monday));
    }

    [Theory]
    [InlineData("semalam", "2026-11-24")]
    [InlineData("tadi malam", "2026-11-24")]
    [InlineData("kemarin malam", "2026-11-24")]
    [InlineData("last night", "2026-11-24")]
    [InlineData("yesterday evening", "2026-11-24")]
    [InlineData("this morning", "2026-11-25")]
    [InlineData("3 days ago", "2026-11-22")]
    public void Parse_LastNight_IsYesterdaysDate(string text, string expected)
    {
        Assert.Equal(Date(expected), WhenParser.Parse(text, Today));
    }

    [Theory]
    [InlineData("minggu lalu")]
    [InlineData("minggu kemarin")]
    [InlineData("pekan lalu")]
    [InlineData("seminggu yang lalu")]
    [InlineData("awal bulan")]
    [InlineData("bulan lalu")]
    [InlineData("beberapa hari lalu")]
    [InlineData("beberapa hari kemarin")]
    [InlineData("last week")]
    [InlineData("a few days ago")]
    [InlineData("senin atau selasa")] // two different days
    [InlineData("senin 24/11")] // the day name and the date disagree
    [InlineData("waktu kampanye")]
    [InlineData("di 4 desa")]
    [InlineData("31/02")]
    [InlineData("")]
    public void Parse_PeriodsAndUnreadable_AreNull_SoTheDialogAsks(string text)
    {
        Assert.Null(WhenParser.Parse(text, Today));
    }
}
