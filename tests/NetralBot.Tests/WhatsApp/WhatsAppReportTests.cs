using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.Logging;
using NetralBot.Storage;
using NetralBot.Tests.Hostile;
using NetralBot.Tests.Web;

namespace NetralBot.Tests.WhatsApp;

/// <summary>
/// The report flow, follow-up and subscription on WhatsApp end to end through the Cloud API double, and the same
/// anonymity checks as on Telegram: the number, the profile name and every message id (the person's and the bot's)
/// are in no encoding in the database files (main, WAL) nor in any log line.
/// </summary>
public sealed partial class WhatsAppReportTests
{
    private const string Reporter = "6281311112222";

    internal static async Task<(CloudApiDouble Api, WebBot Bot)> StartAsync(IDictionary<string, string?>? extra = null)
    {
        var api = await new CloudApiDouble().StartAsync();
        var settings = api.BotSettings();
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        return (api, await new WebBot(settings: settings).StartAsync());
    }

    internal static byte[] Jpeg()
    {
        using var image = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgba32>(40, 30);
        using var jpeg = new MemoryStream();
        SixLabors.ImageSharp.ImageExtensions.SaveAsJpeg(image, jpeg);
        return jpeg.ToArray();
    }

    /// <summary>A whole report with a photo; returns the receipt code.</summary>
    internal static async Task<string> ReportAsync(CloudApiDouble api, WhatsAppPerson person)
    {
        var notice = await person.SayAsync("/lapor");
        var noticeText = string.Concat(notice.Select(s => s.Text));
        Assert.Contains("anonim", noticeText, StringComparison.Ordinal);
        Assert.Contains("*bukan terhadap WhatsApp/Meta*, yang tahu nomor mana", noticeText, StringComparison.Ordinal);
        await person.StepsAsync("tap:go", "tap:tc:SocialMedia", "Kabid X", "tap:skip", "Kota Contoh", "tap:skip", "kemarin",
            "Kabid X mengunggah ajakan memilih calon bupati nomor 2 di akun Facebook pribadinya kemarin sore.");

        api.AddMedia("media-photo-1", Jpeg(), "image/jpeg");
        var added = await person.PostAsync(CloudApiDouble.ImageContent("media-photo-1"));
        Assert.Contains("(1)", added[0].Text, StringComparison.Ordinal);

        api.AddMedia("media-broken", [1, 2, 3, 4, 5], "image/jpeg");
        var broken = await person.PostAsync(CloudApiDouble.ImageContent("media-broken"));
        Assert.Contains("tidak bisa dibaca", broken[0].Text, StringComparison.Ordinal);

        await person.StepsAsync("selesai");
        var receipt = await person.TapAsync("send");
        var match = CodePattern().Match(string.Concat(receipt.Select(s => s.Text)));
        Assert.True(match.Success, "no receipt code in: " + string.Concat(receipt.Select(s => s.Text)));
        Assert.Equal(0, api.UnauthorisedMediaRequests);
        return match.Groups[1].Value;
    }

    [Fact]
    public async Task WholeReport_WithAPhoto_ThenStatus_AndNothingIdentifiesTheReporter_InTheDatabaseOrTheLogs()
    {
        var (api, bot) = await StartAsync();
        await using (api)
        await using (bot)
        {
            var person = new WhatsAppPerson(api, bot.BaseUrl, Reporter);
            var code = await ReportAsync(api, person);

            using (var connection = bot.Get<Database>().Open())
            {
                Assert.Equal(1, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM evidence_files"));
                // The conversation is stored under the keyed hash of "whatsapp:<wa_id>", nothing else.
                var key = bot.Get<ConversationKeys>().For("whatsapp", Reporter);
                Assert.Equal(1, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM conversations WHERE conversation_key = @Key", new { Key = key }));
            }

            var status = await person.SayAsync($"/status {code}");
            Assert.Contains("*Status laporan:*", string.Concat(status.Select(s => s.Text)), StringComparison.Ordinal);

            var files = DatabaseFiles(bot);
            var botIds = api.SentMessages.Where(s => s.To == Reporter).Select(s => s.Id).ToList();
            var logs = Encoding.UTF8.GetBytes(bot.AllLogText());
            foreach (var value in new[] { Reporter, "+" + Reporter, CloudApiDouble.ProfileName }.Concat(person.MessageIds).Concat(botIds))
            {
                Assert.Empty(Encodings.FoundIn(files, value));
                Assert.Empty(Encodings.FoundIn(logs, value));
            }
            // The files were really searched (the tip's content is there, encrypted, and the question log is there).
            Assert.True(files.Length > 10_000);
            Assert.DoesNotContain(bot.Logs.GetSnapshot(), r => r.Level >= LogLevel.Information && r.Message.Contains("wamid", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task ReportNotice_AQuestionTypedInstead_IsAnswered_OtherTextShowsTheWholeNoticeAgain()
    {
        var (api, bot) = await StartAsync();
        await using (api)
        await using (bot)
        {
            var person = new WhatsAppPerson(api, bot.BaseUrl, "6281344445555");
            var notice = string.Concat((await person.SayAsync("/lapor")).Select(s => s.Text));
            var answer = string.Concat((await person.SayAsync("boleh like postingan caleg?")).Select(s => s.Text));
            Assert.Contains("TIDAK BOLEH", answer, StringComparison.Ordinal);

            await person.SayAsync("/lapor");
            var again = string.Concat((await person.SayAsync("hmm")).Select(s => s.Text));
            Assert.Equal(notice, again);
            Assert.Contains("*bukan terhadap WhatsApp/Meta*", again, StringComparison.Ordinal); // not "{channel_limit}"
        }
    }

    [Fact]
    public async Task Subscribing_RecordsTheOptIn_AndTheDayOfTheLastMessage_AndStopOptsOut()
    {
        var (api, bot) = await StartAsync();
        await using (api)
        await using (bot)
        {
            var person = new WhatsAppPerson(api, bot.BaseUrl, "6281322223333");
            var prompt = await person.SayAsync("/langganan");
            Assert.Contains("kabupaten/kota", string.Concat(prompt.Select(s => s.Text)), StringComparison.Ordinal);
            var subscribed = await person.SayAsync("Kota Contoh");
            for (var i = 0; i < 3 && !string.Concat(subscribed.Select(s => s.Text)).Contains("berlangganan pengingat", StringComparison.Ordinal); i++)
            {
                subscribed = await person.TapAsync(api.SentMessages.Last(s => s.To == person.WaId && s.InteractiveType is not null).ChoiceIds[^1]);
            }
            Assert.Contains("✅ Anda berlangganan pengingat", string.Concat(subscribed.Select(s => s.Text)), StringComparison.Ordinal);
            await Task.Delay(300); // the last message's day is written after its step

            using (var connection = bot.Get<Database>().Open())
            {
                var row = connection.QuerySingle<(long Active, long? OptedInAt, string? Wording, long? LastInbound)>(
                    "SELECT active, opted_in_at, opt_in_wording, last_inbound_at FROM subscribers WHERE channel = 'whatsapp' AND chat_id = @Id", new { Id = person.WaId });
                Assert.Equal(1, row.Active);
                Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - row.OptedInAt!.Value, 0, 60_000);
                Assert.Matches("^id:[0-9a-f]{12}$", row.Wording);
                Assert.Equal(0, row.LastInbound!.Value % 86_400_000); // only the day
                Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - row.LastInbound.Value, 0, 86_400_000);
            }

            var stopped = await person.SayAsync("STOP");
            Assert.Contains("berhenti berlangganan", stopped[0].Text, StringComparison.Ordinal);
            using (var connection = bot.Get<Database>().Open())
            {
                Assert.Equal(0, connection.ExecuteScalar<long>("SELECT active FROM subscribers WHERE chat_id = @Id", new { Id = person.WaId }));
            }
        }
    }

    [Theory]
    [InlineData("audio")]
    [InlineData("video")]
    [InlineData("location")]
    [InlineData("contacts")]
    [InlineData("reaction")]
    [InlineData("sticker")]
    public async Task OtherMessageTypes_GetAShortFriendlyReply(string type)
    {
        var (api, bot) = await StartAsync();
        await using (api)
        await using (bot)
        {
            JsonNode body = type switch
            {
                "location" => new JsonObject { ["latitude"] = -7.8, ["longitude"] = 110.36, ["name"] = "Kantor" },
                "contacts" => new JsonArray(new JsonObject { ["name"] = new JsonObject { ["formatted_name"] = "Ani" }, ["phones"] = new JsonArray(new JsonObject { ["phone"] = "+62 812 0000 1111" }) }),
                "reaction" => new JsonObject { ["message_id"] = "wamid.SOMETHING", ["emoji"] = "👍" },
                _ => new JsonObject { ["id"] = "55555", ["mime_type"] = type + "/x" },
            };
            var person = new WhatsAppPerson(api, bot.BaseUrl, "6281344445555");
            var reply = await person.PostAsync(new JsonObject { ["type"] = type, [type] = body });
            Assert.Contains("hanya bisa membaca teks", reply[0].Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Document_PdfEvidence_IsFetchedAndTaken()
    {
        var (api, bot) = await StartAsync();
        await using (api)
        await using (bot)
        {
            var person = new WhatsAppPerson(api, bot.BaseUrl, "6281355556666");
            await person.StepsAsync("/lapor", "tap:go", "tap:tc:SocialMedia", "Kabid X", "tap:skip", "Kota Contoh", "tap:skip", "kemarin",
                "Kabid X mengunggah ajakan memilih calon bupati nomor 2 di akun Facebook pribadinya kemarin sore.");
            api.AddMedia("media-pdf", HostileFiles.Pdf(), "application/pdf");
            var added = await person.PostAsync(CloudApiDouble.DocumentContent("media-pdf", "surat-edaran.pdf", "application/pdf"));
            Assert.True(added[0].Text.Contains("(1)", StringComparison.Ordinal), added[0].Text);
        }
    }

    internal static byte[] DatabaseFiles(WebBot bot) => Encodings.SqliteFiles(bot.DatabaseFile);

    [GeneratedRegex(@"\*([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\*")]
    private static partial Regex CodePattern();
}
