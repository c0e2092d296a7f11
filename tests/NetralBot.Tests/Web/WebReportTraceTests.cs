using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NetralBot.Core.Dialogs;
using NetralBot.Storage;
using NetralBot.Web;

namespace NetralBot.Tests.Web;

/// <summary>
/// A web visitor's report leaves nothing behind in the web chat's stored activities once delivered: neither what they
/// typed inside the report nor the receipt, whether the client polls (the next poll acknowledges) or streams (gone a
/// grace after it was sent). An ordinary question's activities stay for a late poll.
/// </summary>
public partial class WebReportTraceTests
{
    private const string Question = "boleh foto sama paslon?";
    private static readonly string[] ReportTexts =
    [
        "Bapak Terlapor Web", "Dinas Contoh Jejak", "Kabupaten Sleman Jejak",
        "Kepala dinas mengumpulkan staf di aula dan meminta semua memilih paslon nomor 2 sambil membagikan kaos.",
        "/lapor", "Kepala dinas mengumpulkan staf", // the summary echoes the story
    ];

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task PolledReport_IsGoneOnceTheClientHasTheReceipt_AnOrdinaryAnswerStays(StorageProvider provider)
    {
        await using var bot = await new WebBot(provider: provider).StartAsync();
        using var chat = await new DirectLineClient(bot.BaseUrl).StartAsync();
        var asked = await chat.SayAsync(Question);
        var answer = await chat.WaitForReplyToAsync(asked);

        var code = await FileReportAsync(
            async text => await chat.WaitForReplyToAsync(await chat.SayAsync(text)),
            async value => await chat.WaitForReplyToAsync(await chat.TapAsync(value)));
        // The client goes on polling as Direct Line clients do: a poll with the watermark after the receipt says it has it.
        while ((await chat.GetActivitiesAsync()).Body!["activities"]!.AsArray().Count > 0)
        {
        }

        var kept = StoredTexts(bot, chat.ConversationId);
        AssertNoReport(kept, code);
        Assert.Contains(Question, kept, StringComparison.Ordinal);
        Assert.Contains((string)answer["text"]!, kept, StringComparison.Ordinal);

        // A client starting over (page reloaded, no watermark) gets the ordinary question and its answer, nothing of the report.
        var (status, late) = await chat.GetActivitiesAsync(watermark: "");
        Assert.Equal(HttpStatusCode.OK, status);
        var ids = late!["activities"]!.AsArray().Select(a => (string?)a!["id"]).ToList();
        Assert.Contains(asked, ids);
        Assert.Contains((string)answer["id"]!, ids);
        AssertNoReport(late.ToJsonString(), code);

        await bot.StopAsync();
        AssertNoReport(bot.DatabaseBytesAsText(), code);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task StreamedReport_IsGoneAGraceAfterItWasSent_WithoutAnyPoll(StorageProvider provider)
    {
        await using var bot = await new WebBot(provider: provider, settings: new Dictionary<string, string?> { ["WebChat:PrivateActivitySeconds"] = "2" }).StartAsync();
        using var chat = await new DirectLineClient(bot.BaseUrl).StartAsync();
        using var stream = await StreamClient.ConnectAsync(chat.StreamUrl);
        var asked = await chat.SayAsync(Question);
        var answer = await stream.WaitForReplyToAsync(asked);

        var code = await FileReportAsync(
            async text => await stream.WaitForReplyToAsync(await chat.SayAsync(text)),
            async value => await stream.WaitForReplyToAsync(await chat.TapAsync(value)));
        // Right after it was sent, the receipt is still there for a client that lost the frame and asks again.
        Assert.Contains(code, StoredTexts(bot, chat.ConversationId), StringComparison.Ordinal);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (StoredTexts(bot, chat.ConversationId).Contains(code, StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
        var kept = StoredTexts(bot, chat.ConversationId);
        AssertNoReport(kept, code);
        Assert.Contains(Question, kept, StringComparison.Ordinal);
        Assert.Contains((string)answer["text"]!, kept, StringComparison.Ordinal);
        var (_, late) = await chat.GetActivitiesAsync(watermark: "");
        Assert.Contains((string)answer["id"]!, late!["activities"]!.AsArray().Select(a => (string?)a!["id"]));

        await bot.StopAsync();
        AssertNoReport(bot.DatabaseBytesAsText(), code);
    }

    /// <summary>The report flow of the web report test, without the photo; returns the receipt code.</summary>
    private static async Task<string> FileReportAsync(Func<string, Task<JsonObject>> say, Func<string, Task<JsonObject>> tap)
    {
        var notice = await say("/lapor");
        Assert.Contains("anonim", (string)notice["text"]!, StringComparison.Ordinal);
        var kinds = await tap(Payloads.Continue);
        await tap(DirectLineClient.Actions(kinds)[2].Value);
        await say(ReportTexts[0]);
        await say(ReportTexts[1]);
        await say(ReportTexts[2]);
        await tap(Payloads.Skip);
        await say("kemarin");
        await say(ReportTexts[3]);
        var summary = await say("selesai");
        Assert.Contains(ReportTexts[0], (string)summary["text"]!, StringComparison.Ordinal);
        var sent = await tap(Payloads.Send);
        return ReceiptCode().Match((string)sent["text"]!).Value is { Length: > 0 } code ? code : throw new InvalidOperationException("no receipt: " + sent["text"]);
    }

    /// <summary>Every activity the database holds for the conversation, decrypted, as one text.</summary>
    private static string StoredTexts(WebBot bot, string conversationId) =>
        string.Join("\n", bot.Get<WebActivities>().After(conversationId, -1, touch: false).Select(r => JsonNode.Parse(r.Json)!["text"]?.ToString()));

    private static void AssertNoReport(string stored, string code)
    {
        Assert.DoesNotContain(code, stored, StringComparison.Ordinal);
        foreach (var text in ReportTexts)
        {
            Assert.DoesNotContain(text, stored, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex("[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}")]
    private static partial Regex ReceiptCode();

    /// <summary>A Direct Line stream as Web Chat opens it: every frame received, in the background.</summary>
    private sealed class StreamClient : IDisposable
    {
        private readonly ClientWebSocket _socket = new();
        private readonly List<JsonObject> _received = [];
        private readonly CancellationTokenSource _stop = new();
        private Task _reading = Task.CompletedTask;

        public static async Task<StreamClient> ConnectAsync(string url)
        {
            var client = new StreamClient();
            await client._socket.ConnectAsync(new Uri(url), CancellationToken.None);
            client._reading = client.ReadAsync();
            return client;
        }

        private async Task ReadAsync()
        {
            var buffer = new byte[256 * 1024];
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    using var frame = new MemoryStream();
                    WebSocketReceiveResult result;
                    do
                    {
                        result = await _socket.ReceiveAsync(buffer, _stop.Token);
                        frame.Write(buffer, 0, result.Count);
                    }
                    while (!result.EndOfMessage);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }
                    if (frame.Length > 0)
                    {
                        var activities = JsonNode.Parse(Encoding.UTF8.GetString(frame.ToArray()))!["activities"]!.AsArray().Select(a => a!.AsObject());
                        lock (_received)
                        {
                            _received.AddRange(activities);
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
            {
                // closed
            }
        }

        public async Task<JsonObject> WaitForReplyToAsync(string activityId)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (DateTime.UtcNow < deadline)
            {
                lock (_received)
                {
                    if (_received.FirstOrDefault(a => (string?)a["replyToId"] == activityId && (string?)a["type"] == "message") is { } reply)
                    {
                        return reply;
                    }
                }
                await Task.Delay(50);
            }
            Assert.Fail("No reply on the stream to " + activityId);
            return null!;
        }

        public void Dispose()
        {
            _stop.Cancel();
            _reading.Wait(TimeSpan.FromSeconds(5));
            _socket.Dispose();
            _stop.Dispose();
        }
    }
}
