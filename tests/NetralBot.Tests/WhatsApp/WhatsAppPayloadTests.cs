using System.Text.Json.Nodes;
using NetralBot.Core.Conversations;
using NetralBot.WhatsApp;

namespace NetralBot.Tests.WhatsApp;

/// <summary>The messages the bot sends checked against the documented Cloud API shapes (<see cref="CloudApiShapes"/>), not only against the double.</summary>
public sealed class WhatsAppPayloadTests
{
    [Fact]
    public async Task EverythingSentInAVariedSession_HasTheDocumentedShape()
    {
        const string admin = "6281600000009";
        var (api, bot) = await WhatsAppReportTests.StartAsync(new Dictionary<string, string?>
        {
            ["Admins:Users:0"] = "whatsapp:" + admin,
            ["WhatsApp:BroadcastTemplate:Name"] = "pengingat_netralitas",
            ["WhatsApp:BroadcastTemplate:Language"] = "id",
        });
        await using (api)
        await using (bot)
        {
            var person = new WhatsAppPerson(api, bot.BaseUrl, "6281600000001");
            await person.StepsAsync("/start", "min asn boleh ngelike postingan caleg ga?", "/menu", "/bantuan", "apakah pns boleh jadi timses?", "/privasi");
            var last = api.SentMessages.Last(s => s.To == person.WaId && s.InteractiveType is not null);
            await person.TapAsync(last.ChoiceIds[0]);
            await WhatsAppReportTests.ReportAsync(api, person);
            await person.SayAsync("/langganan");
            await person.SayAsync("1");
            await person.SayAsync("1");
            using (var connection = bot.Get<NetralBot.Storage.Database>().Open())
            {
                Dapper.SqlMapper.Execute(connection, "UPDATE subscribers SET last_inbound_at = 0"); // outside the window: the template
            }
            var adminChat = new WhatsAppPerson(api, bot.BaseUrl, admin);
            var preview = await adminChat.SayAsync("/siaran Besok masa tenang dimulai.\n\nASN tetap netral,   di mana pun.");
            var choices = preview.Last(s => s.InteractiveType is not null);
            await adminChat.TapAsync(choices.ChoiceIds[choices.ChoiceTitles.ToList().FindIndex(t => t.Contains("Kirim", StringComparison.Ordinal))]);
            await api.WaitForAsync(person.WaId, skip: api.SentMessages.Count(s => s.To == person.WaId && s.Type != "template"), count: 1);

            Assert.Contains(api.SentMessages, s => s.Type == "template");
            Assert.Contains(api.SentMessages, s => s.InteractiveType == "button");
            Assert.Contains(api.SentMessages, s => s.InteractiveType == "list");
            foreach (var sent in api.SentMessages)
            {
                Assert.True(CloudApiShapes.Problems(sent.Body) is { Count: 0 } , string.Join("; ", CloudApiShapes.Problems(sent.Body)) + "\n" + sent.Body.ToJsonString());
            }
        }
    }

    public static TheoryData<string> Replies => ["same-prefix", "ten-long", "eleven", "empty", "long-text", "emoji", "one"];

    [Theory]
    [MemberData(nameof(Replies))]
    public void RenderedEdgeCases_HaveTheDocumentedShape(string name)
    {
        var longLabel = "⚠️ Boleh dengan syarat: menghadiri kampanye di luar jam kerja tanpa atribut";
        var reply = name switch
        {
            "same-prefix" => new Reply("Pilih:", [new Button("Kampanye di media sosial pribadi", "a"), new Button("Kampanye di media sosial kantor", "b"), new Button("Lainnya", "c")]),
            "ten-long" => new Reply("Pilih:", [.. Enumerable.Range(0, 10).Select(i => new Button(longLabel + " " + i, "p" + i))]),
            "eleven" => new Reply("Pilih kabupaten:", [.. Enumerable.Range(0, 11).Select(i => new Button("Kabupaten " + i, "k" + i))]),
            "empty" => new Reply("", [new Button("Menu", "menu")]),
            "long-text" => new Reply(string.Join("\n\n", Enumerable.Repeat(new string('x', 900), 6)), [new Button("Ya", "y"), new Button("Tidak", "n")]),
            "emoji" => new Reply("**✅ BOLEH**", [new Button("👍👍👍👍👍👍👍👍👍👍👍👍", "e")]),
            _ => new Reply("Halo"),
        };
        foreach (var part in WhatsAppRenderer.Render(reply))
        {
            part["messaging_product"] = "whatsapp";
            part["recipient_type"] = "individual";
            part["to"] = "6281600000001";
            Assert.True(CloudApiShapes.Problems(part) is { Count: 0 }, string.Join("; ", CloudApiShapes.Problems(part)) + "\n" + part.ToJsonString());
        }
    }

    [Fact]
    public void TheShapeCheck_CatchesWhatTheCloudApiRefuses()
    {
        var bad = JsonNode.Parse("""
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"62816","type":"interactive",
             "interactive":{"type":"button","body":{"text":""},"action":{"buttons":[
               {"type":"reply","reply":{"id":"a","title":"Twenty-one characters"}},{"type":"reply","reply":{"id":"a","title":"x"}},
               {"type":"reply","reply":{"id":"c","title":"x"}},{"type":"reply","reply":{"id":"d","title":"y"}}]}}}
            """)!.AsObject();
        var problems = CloudApiShapes.Problems(bad);
        Assert.Contains(problems, p => p.Contains("1 to 3", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("over 20", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("ids must be unique", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("body.text must not be empty", StringComparison.Ordinal));
        var template = WhatsAppTemplate.Message(new TemplateOptions { Name = "t" }, "a\n\nb");
        template["messaging_product"] = "whatsapp";
        template["to"] = "62816";
        Assert.Empty(CloudApiShapes.Problems(template));
        template["template"]!["components"]![0]!["parameters"]![0]!["text"] = "a\nb";
        Assert.NotEmpty(CloudApiShapes.Problems(template));
    }
}
