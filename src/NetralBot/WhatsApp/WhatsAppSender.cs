using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetralBot.Channels;
using NetralBot.Core.Conversations;

namespace NetralBot.WhatsApp;

/// <summary>
/// Sends to a WhatsApp user through the Cloud API: POST {ApiBaseUrl}/{PhoneNumberId}/messages with the bearer token,
/// each rendered part paced by the <see cref="OutboundPacer"/> (replies first). The Graph API's errors (4xx/5xx with
/// error.code) become a failed outcome with the status and code as the reason; 5xx and timeouts are retried by the
/// HttpClient's resilience handler first. Files and images are not sent yet (a later slice of issue 13).
/// </summary>
public sealed partial class WhatsAppSender(IHttpClientFactory clients, IOptions<WhatsAppOptions> options, ILogger<WhatsAppSender> logger) : IMessageSender, IAsyncDisposable
{
    public const string HttpClientName = "whatsapp";
    private readonly OutboundPacer _pacer = new(options.Value.Pace);
    private readonly Uri _messages = new($"{options.Value.ApiBaseUrl.TrimEnd('/')}/{options.Value.PhoneNumberId}/messages");

    public string Channel => WhatsAppMapper.Channel;

    public async Task<SendOutcome> SendAsync(string chatId, Reply reply, Traffic traffic, CancellationToken cancellationToken)
    {
        var outcome = SendOutcome.Sent;
        foreach (var part in WhatsAppRenderer.Render(reply))
        {
            await _pacer.WaitAsync(chatId, traffic, cancellationToken).ConfigureAwait(false);
            outcome = await PostAsync(chatId, part, cancellationToken).ConfigureAwait(false);
            if (outcome.Status != SendStatus.Sent)
            {
                return outcome;
            }
        }
        return outcome;
    }

    /// <summary>WhatsApp cannot change a sent message: the new text comes as a new message.</summary>
    public Task<SendOutcome> EditAsync(string chatId, string messageId, Reply reply, CancellationToken cancellationToken) =>
        SendAsync(chatId, reply, Traffic.Reply, cancellationToken);

    private async Task<SendOutcome> PostAsync(string chatId, JsonObject part, CancellationToken cancellationToken)
    {
        part["messaging_product"] = "whatsapp";
        part["recipient_type"] = "individual";
        part["to"] = chatId;
        using var request = new HttpRequestMessage(HttpMethod.Post, _messages) { Content = JsonContent.Create(part) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.AccessToken);
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var code = body?["error"]?["code"]?.ToJsonString() ?? "?";
                var reason = string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode}, error {code}");
                LogFailed(reason);
                return new SendOutcome(SendStatus.Failed, reason);
            }
            return new SendOutcome(SendStatus.Sent, null, body?["messages"]?[0]?["id"]?.GetValue<string>());
        }
        catch (HttpRequestException ex)
        {
            LogUnreachable(ex);
            return new SendOutcome(SendStatus.Failed, "network error");
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(ex);
            return new SendOutcome(SendStatus.Failed, "timeout");
        }
    }

    private static async Task<JsonNode?> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public ValueTask DisposeAsync() => _pacer.DisposeAsync();

    [LoggerMessage(Level = LogLevel.Warning, Message = "WhatsApp: a message was not accepted ({Reason})")]
    private partial void LogFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WhatsApp: the Cloud API could not be reached")]
    private partial void LogUnreachable(Exception exception);
}
