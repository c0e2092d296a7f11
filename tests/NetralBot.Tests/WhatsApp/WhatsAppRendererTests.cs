using NetralBot.Core.Conversations;
using NetralBot.WhatsApp;

namespace NetralBot.Tests.WhatsApp;

/// <summary>Rendering within WhatsApp's limits, checked against the Cloud API's documented message shapes.</summary>
public sealed class WhatsAppRendererTests
{
    private static Button[] Buttons(int count, string label = "Pilihan") =>
        [.. Enumerable.Range(1, count).Select(i => new Button($"{label} {i}", $"p:{i}"))];

    [Fact]
    public void Render_Bold_BecomesSingleAsterisks_UnpairedStays()
    {
        Assert.Equal("*❌ TIDAK BOLEH* — x ** y", WhatsAppRenderer.ToWhatsApp("**❌ TIDAK BOLEH** — x ** y"));
    }

    [Fact]
    public void Render_ThreeButtons_ReplyButtons_FourToTen_List_MoreThanTen_NumberedText()
    {
        var three = Assert.Single(WhatsAppRenderer.Render(new Reply("Tanya", Buttons(3))));
        Assert.Equal("button", (string?)three["interactive"]!["type"]);
        Assert.Equal(3, three["interactive"]!["action"]!["buttons"]!.AsArray().Count);
        Assert.Equal("p:1", (string?)three["interactive"]!["action"]!["buttons"]![0]!["reply"]!["id"]);

        var ten = Assert.Single(WhatsAppRenderer.Render(new Reply("Tanya", Buttons(10))));
        Assert.Equal("list", (string?)ten["interactive"]!["type"]);
        Assert.Equal(10, ten["interactive"]!["action"]!["sections"]![0]!["rows"]!.AsArray().Count);
        Assert.True(((string)ten["interactive"]!["action"]!["button"]!).Length <= 20);

        var eleven = Assert.Single(WhatsAppRenderer.Render(new Reply("Tanya", Buttons(11))));
        Assert.Equal("text", (string?)eleven["type"]);
        Assert.EndsWith("\n10. Pilihan 10\n11. Pilihan 11", (string)eleven["text"]!["body"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Shorten_CutsAtAWord_KeepsTheSymbol_AndTheListRowKeepsTheWholeLabel()
    {
        var title = WhatsAppRenderer.Shorten("❌ Tidak boleh menyukai unggahan", 20);
        Assert.Equal("❌ Tidak boleh…", title);
        Assert.True(WhatsAppRenderer.Shorten("Supercalifragilisticexpialidocious", 20).Length <= 20);
        var list = WhatsAppRenderer.Render(new Reply("Tanya", [.. Buttons(3), new Button("Bagaimana dengan kampanye di media sosial", "p:x")]))[0];
        var row = list["interactive"]!["action"]!["sections"]![0]!["rows"]![3]!;
        Assert.True(((string)row["title"]!).Length <= 24);
        Assert.Equal("Bagaimana dengan kampanye di media sosial", (string?)row["description"]);
    }

    [Fact]
    public void Render_LongTextWithButtons_SendsTheTextFirst_AndABodyWithinTheLimit()
    {
        var text = string.Join("\n\n", Enumerable.Range(1, 12).Select(i => new string('a', 200) + i));
        var parts = WhatsAppRenderer.Render(new Reply(text, Buttons(2)));
        Assert.True(parts.Count >= 2);
        Assert.All(parts.SkipLast(1), p => Assert.Equal("text", (string?)p["type"]));
        var body = (string)parts[^1]["interactive"]!["body"]!["text"]!;
        Assert.True(body.Length <= 1024);
        var all = string.Join("\n\n", parts.SkipLast(1).Select(p => (string)p["text"]!["body"]!)) + "\n\n" + body;
        Assert.Equal(text, all); // nothing lost, nothing repeated
    }
}
