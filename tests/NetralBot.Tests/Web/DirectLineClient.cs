using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NetralBot.Tests.Web;

/// <summary>A minimal Direct Line 3.0 client for tests: what a web page does, over HTTP polling.</summary>
public sealed class DirectLineClient(string baseUrl) : IDisposable
{
    private HttpClient _http = NewHttp(baseUrl);
    private string _watermark = "";

    public string ConversationId { get; private set; } = "";

    public string Token { get; set; } = "";

    public string StreamUrl { get; private set; } = "";

    public List<JsonObject> Received { get; } = [];

    public async Task<DirectLineClient> StartAsync(string? bearer = "undefined")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "conversations");
        if (bearer is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + bearer);
        }
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var ticket = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        ConversationId = (string)ticket["conversationId"]!;
        Token = (string)ticket["token"]!;
        StreamUrl = (string)ticket["streamUrl"]!;
        return this;
    }

    public async Task<HttpResponseMessage> PostAsync(JsonObject activity, string? conversationId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"conversations/{conversationId ?? ConversationId}/activities") { Content = JsonContent.Create(activity) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return await _http.SendAsync(request);
    }

    /// <summary>Types a message; returns the id the bot gave it.</summary>
    public async Task<string> SayAsync(string text)
    {
        using var response = await PostAsync(new JsonObject { ["type"] = "message", ["from"] = new JsonObject { ["id"] = "pengunjung" }, ["text"] = text, ["locale"] = "id-ID" });
        response.EnsureSuccessStatusCode();
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    /// <summary>Taps a suggested action as Web Chat does: text = value, channelData.postBack = true.</summary>
    public async Task<string> TapAsync(string value)
    {
        using var response = await PostAsync(new JsonObject
        {
            ["type"] = "message", ["from"] = new JsonObject { ["id"] = "pengunjung" }, ["text"] = value, ["value"] = value,
            ["channelData"] = new JsonObject { ["postBack"] = true },
        });
        response.EnsureSuccessStatusCode();
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    public async Task<HttpResponseMessage> UploadAsync(byte[] content, string name, string type, string? text = null)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        form.Add(file, "file", name);
        if (text is not null)
        {
            var activity = new StringContent(JsonSerializer.Serialize(new { type = "message", from = new { id = "pengunjung" }, text }));
            activity.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.microsoft.activity");
            form.Add(activity, "activity", "blob");
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, $"conversations/{ConversationId}/upload?userId=pengunjung") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return await _http.SendAsync(request);
    }

    public async Task<(HttpStatusCode Status, JsonObject? Body)> GetActivitiesAsync(string? watermark = null, string? conversationId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"conversations/{conversationId ?? ConversationId}/activities?watermark={watermark ?? _watermark}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonObject>() : null);
    }

    /// <summary>Polls until a bot message matching <paramref name="match"/> arrives; returns it.</summary>
    public async Task<JsonObject> WaitForBotAsync(Func<JsonObject, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            var (status, body) = await GetActivitiesAsync();
            Assert.Equal(HttpStatusCode.OK, status);
            _watermark = (string)body!["watermark"]!;
            foreach (var activity in body["activities"]!.AsArray().Select(a => a!.AsObject()))
            {
                Received.Add(activity);
                if ((string?)activity["from"]?["role"] == "bot" && (string?)activity["type"] == "message" && match(activity))
                {
                    return activity;
                }
            }
            await Task.Delay(100);
        }
        Assert.Fail("No matching bot message. Received: " + string.Join("\n", Received.Select(a => (string?)a["text"])));
        return null!;
    }

    public Task<JsonObject> WaitForReplyToAsync(string activityId) => WaitForBotAsync(a => (string?)a["replyToId"] == activityId);

    /// <summary>Goes on with the same conversation, token and watermark on another worker (the load balancer's choice).</summary>
    public void MoveTo(string otherBaseUrl)
    {
        _http.Dispose();
        _http = NewHttp(otherBaseUrl);
        StreamUrl = StreamUrl.Replace(new Uri(baseUrl).Authority, new Uri(otherBaseUrl).Authority, StringComparison.Ordinal);
        baseUrl = otherBaseUrl;
    }

    /// <summary>The watermark this client would ask with next.</summary>
    public string Watermark => _watermark;

    private static HttpClient NewHttp(string baseUrl) => new() { BaseAddress = new Uri(baseUrl + "/v3/directline/"), Timeout = TimeSpan.FromSeconds(30) };

    public static IReadOnlyList<(string Title, string Value)> Actions(JsonObject activity) =>
        activity["suggestedActions"]?["actions"]?.AsArray().Select(a => ((string)a!["title"]!, (string)a["value"]!)).ToList() ?? [];

    public void Dispose() => _http.Dispose();
}
