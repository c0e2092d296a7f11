using System.Text.Json.Nodes;

namespace NetralBot.Tests.Telegram;

/// <summary>
/// Corrects exactly the three ways telegram-test-api 4.2.1 answers differently from the Bot API, so the real
/// Telegram.Bot client can read it: message <c>date</c> in milliseconds (the API uses seconds);
/// <c>"result": null</c> where the API returns <c>true</c> (answerCallbackQuery, setWebhook); and
/// <c>"result": null</c> from editMessageText, where the API returns the edited message (built here from the
/// request, as the emulator did apply the edit). Test-only: the product's HTTP path is untouched; this handler is
/// added to the bot's HttpClient in the test host.
/// </summary>
public sealed class EmulatorQuirksHandler : DelegatingHandler
{
    private const long MillisecondsThreshold = 100_000_000_000; // a unix time in seconds stays below this until year 5138

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        JsonNode? edit = null;
        if (request.RequestUri!.AbsolutePath.EndsWith("/editMessageText", StringComparison.Ordinal) && request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken);
            edit = JsonNode.Parse(await request.Content.ReadAsStringAsync(cancellationToken));
        }
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            return response;
        }
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (JsonNode.Parse(body) is not JsonObject root)
        {
            return response;
        }
        if (root.ContainsKey("result") && root["result"] is null && root["ok"]?.GetValue<bool>() == true)
        {
            root["result"] = edit is null ? true : new JsonObject
            {
                ["message_id"] = edit["message_id"]!.GetValue<long>(),
                ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["chat"] = new JsonObject { ["id"] = edit["chat_id"]!.GetValue<long>(), ["type"] = "private" },
                ["text"] = edit["text"]?.GetValue<string>(),
            };
        }
        FixDates(root);
        var fixedResponse = new HttpResponseMessage(response.StatusCode)
        {
            Content = new StringContent(root.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
            RequestMessage = response.RequestMessage,
        };
        response.Dispose();
        return fixedResponse;
    }

    private static void FixDates(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (key == "date" && value is JsonValue v && v.TryGetValue<long>(out var date) && date > MillisecondsThreshold)
                    {
                        obj[key] = date / 1000;
                    }
                    else
                    {
                        FixDates(value);
                    }
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    FixDates(item);
                }
                break;
        }
    }
}
