using System.Security.Cryptography;
using NetralBot.Core.Tips;

namespace NetralBot.Core.Tests.Tips;

public class ReceiptCodeTests
{
    [Fact]
    public void From_TenBytes_GivesFourGroupsOfFourReadableSymbols()
    {
        var code = ReceiptCode.From(new byte[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 255 });
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$", code);
        Assert.DoesNotContain('I', code);
        Assert.DoesNotContain('L', code);
        Assert.DoesNotContain('O', code);
        Assert.DoesNotContain('U', code);
    }

    [Fact]
    public void Normalize_ForgivesCaseSpacesDashesAndLookAlikes()
    {
        var code = ReceiptCode.From(RandomNumberGenerator.GetBytes(10));
        var canonical = code.Replace("-", "", StringComparison.Ordinal);
        // Exact values, not two outputs compared: a Normalize that always returned null would pass that.
        Assert.Equal(canonical, ReceiptCode.Normalize(code));
        Assert.Equal(canonical, ReceiptCode.Normalize(code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal)));
        Assert.Equal("0000111122223333", ReceiptCode.Normalize("oooo-iiii-2222-3333"));
        Assert.Equal("1111111111111111", ReceiptCode.Normalize("llll-IIII-1111-1111"));
        Assert.Equal("7KQ2M9XD4HRTPW3B", ReceiptCode.Normalize(" 7kq2.m9xd 4hrt-pw3b\t"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ABCD-EFGH")]
    [InlineData("ABCD-EFGH-JKMN-PQRS-T")]
    [InlineData("ABCD-EFGH-JKMN-PQR!")]
    [InlineData("ABCD-EFGH-JKMN-PQRU")]
    public void Normalize_NotACode_IsNull(string? typed)
    {
        Assert.Null(ReceiptCode.Normalize(typed));
    }

    [Fact]
    public void From_OneMillionCodes_NoCollision()
    {
        var seen = new HashSet<string>(1_000_000, StringComparer.Ordinal);
        var buffer = new byte[10];
        for (var i = 0; i < 1_000_000; i++)
        {
            RandomNumberGenerator.Fill(buffer);
            Assert.True(seen.Add(ReceiptCode.From(buffer)));
        }
    }

    [Fact]
    public void From_CarriesAllEightyBits()
    {
        // Flipping any one input bit changes the code: no bit is dropped.
        var bytes = new byte[10];
        var baseline = ReceiptCode.From(bytes);
        for (var bit = 0; bit < 80; bit++)
        {
            var flipped = (byte[])bytes.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.NotEqual(baseline, ReceiptCode.From(flipped));
        }
    }
}
