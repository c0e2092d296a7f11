using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using NetralBot.Core.Conversations;
using NetralBot.Core.Tips;

namespace NetralBot.WhatsApp;

/// <summary>
/// Fetches an image or document a person sent: GET {ApiBaseUrl}/{media-id} gives a short-lived URL (and the size),
/// then that URL is fetched, both with the bearer token. A file over the evidence limit is not downloaded (only its
/// size is passed on, and the report flow says it is too big); the bytes then go through the report flow's cleaning.
/// </summary>
public sealed class WhatsAppMedia(IHttpClientFactory clients, IOptions<WhatsAppOptions> options)
{
    public async Task<Attachment> FetchAsync(WhatsAppMapper.Media media, CancellationToken cancellationToken)
    {
        var http = clients.CreateClient(WhatsAppSender.HttpClientName);
        using var lookup = Request(new Uri($"{options.Value.ApiBaseUrl.TrimEnd('/')}/{Uri.EscapeDataString(media.Id)}"));
        using var found = await http.SendAsync(lookup, cancellationToken).ConfigureAwait(false);
        found.EnsureSuccessStatusCode();
        var info = JsonNode.Parse(await found.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        var url = info?["url"]?.GetValue<string>() ?? throw new InvalidOperationException("The Cloud API gave no media URL.");
        var size = info["file_size"]?.GetValueKind() == System.Text.Json.JsonValueKind.Number ? info["file_size"]!.GetValue<long>() : (long?)null;
        var mime = info["mime_type"]?.GetValue<string>() ?? media.MimeType;
        if (size > EvidencePolicy.MaxBytes)
        {
            return new Attachment(media.FileName, mime, [], size);
        }
        using var download = Request(new Uri(url));
        using var file = await http.SendAsync(download, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        file.EnsureSuccessStatusCode();
        await using var stream = await file.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var content = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            content.Write(buffer, 0, read);
            if (content.Length > EvidencePolicy.MaxBytes)
            {
                return new Attachment(media.FileName, mime, [], content.Length); // larger than it said: not kept
            }
        }
        return new Attachment(media.FileName, mime, content.ToArray(), size);
    }

    private HttpRequestMessage Request(Uri uri)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.AccessToken);
        return request;
    }
}
