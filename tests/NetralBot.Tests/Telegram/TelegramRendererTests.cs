using NetralBot.Core.Conversations;
using NetralBot.Telegram;

namespace NetralBot.Tests.Telegram;

public class TelegramRendererTests
{
    [Fact]
    public void ToHtml_EscapesEverything_AndOnlyPairedStarsBecomeBold()
    {
        Assert.Equal("<b>A &lt;b&gt; &amp; B</b> &lt;script&gt;", TelegramRenderer.ToHtml("**A <b> & B** <script>"));
        Assert.Equal("tanpa **penutup", TelegramRenderer.ToHtml("tanpa **penutup"));
    }

    [Fact]
    public void Issue10_TextAfterAnUnpairedDoubleStar_IsEscapedToo()
    {
        Assert.Equal("tanpa **&lt;i&gt;penutup &amp; x", TelegramRenderer.ToHtml("tanpa **<i>penutup & x"));
        Assert.Equal("<b>a</b> **&lt;b&gt;&lt;/b&gt;", TelegramRenderer.ToHtml("**a** **<b></b>"));
    }

    [Fact]
    public void Render_LongText_SplitsAtParagraphs_UnderTheLimit_ButtonsOnTheLast()
    {
        var paragraphs = Enumerable.Range(0, 40).Select(i => $"Paragraf {i}: " + new string('x', 300));
        var reply = new Reply(string.Join("\n\n", paragraphs), [new Button("Menu", "menu")]);
        var parts = TelegramRenderer.Render(reply);
        Assert.True(parts.Count >= 3);
        Assert.All(parts, p => Assert.True(p.Html.Length <= TelegramRenderer.MaxLength));
        Assert.All(parts.SkipLast(1), p => Assert.Null(p.Keyboard));
        Assert.NotNull(parts[^1].Keyboard);
        Assert.StartsWith("Paragraf 0:", parts[0].Html, StringComparison.Ordinal);
        Assert.All(parts, p => Assert.StartsWith("Paragraf", p.Html, StringComparison.Ordinal)); // never cut mid-paragraph here
    }

    [Fact]
    public void Render_OneHugeLine_IsStillCutUnderTheLimit()
    {
        var parts = TelegramRenderer.Render(new Reply(new string('y', 10_000)));
        Assert.True(parts.Count >= 3);
        Assert.All(parts, p => Assert.True(p.Html.Length <= TelegramRenderer.MaxLength));
        Assert.Equal(10_000, parts.Sum(p => p.Html.Length));
    }

    [Fact]
    public void Render_PayloadOverSixtyFourBytes_IsABug()
    {
        Assert.Throws<InvalidOperationException>(() => TelegramRenderer.Render(new Reply("x", [new Button("b", new string('r', 65))])));
    }
}
