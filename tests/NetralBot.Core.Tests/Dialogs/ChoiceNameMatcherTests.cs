using NetralBot.Core.Dialogs.Subscription;

namespace NetralBot.Core.Tests.Dialogs;

/// <summary>How a typed name is matched to a choice: forgiving, but never a guess between two.</summary>
public class ChoiceNameMatcherTests
{
    private static readonly string[] Regencies = ["Kabupaten Bogor", "Kota Bogor", "Kota Depok", "Kabupaten Bekasi", "Lewati"];

    [Theory]
    [InlineData("kota bogor", 1)]
    [InlineData("Kab. Bogor", 0)]
    [InlineData("kabupaten bogorr", 0)]
    [InlineData("kodya bogor", 1)]
    [InlineData("depok", 2)]
    [InlineData("  DEPOK!! ", 2)]
    [InlineData("bekas1", 3)]
    [InlineData("lewati", 4)]
    public void Find_NamesOneChoice_ReturnsIt(string typed, int expected) =>
        Assert.Equal(expected, ChoiceNameMatcher.Find(typed, Regencies));

    [Theory]
    [InlineData("bogor")]               // Kabupaten or Kota Bogor: ask again
    [InlineData("jakarta")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("kota")]
    [InlineData("boleh gak pak bupati bogor ikut kampanye di depok?")]
    public void Find_NamesNoneOrSeveral_ReturnsNull(string? typed) =>
        Assert.Null(ChoiceNameMatcher.Find(typed, Regencies));
}
