using System.Net;
using System.Text.Json.Nodes;

namespace NetralBot.Tests.WhatsApp;

/// <summary>
/// One person writing to the bot through the Cloud API double: each step posts a signed delivery with a fresh message
/// id and waits for the bot's answer (all its parts: until nothing more arrives for a moment). A tap must be one of
/// the choices the bot's last interactive message offered, as on a phone.
/// </summary>
public sealed class WhatsAppPerson(CloudApiDouble api, string botUrl, string waId)
{
    private int _next;

    public string WaId => waId;

    /// <summary>Every message id this person's phone used (they must never be stored or logged).</summary>
    public List<string> MessageIds { get; } = [];

    public Task<IReadOnlyList<CloudApiDouble.Sent>> SayAsync(string text) => PostAsync(CloudApiDouble.TextContent(text));

    /// <summary>Taps the choice with this payload in the last interactive message (reply button or list row).</summary>
    public Task<IReadOnlyList<CloudApiDouble.Sent>> TapAsync(string payload)
    {
        var last = api.SentMessages.Last(s => s.To == waId && s.InteractiveType is not null);
        var index = last.ChoiceIds.ToList().IndexOf(payload);
        Assert.True(index >= 0, $"'{payload}' is not among the choices offered: {string.Join(", ", last.ChoiceIds)}");
        var title = last.ChoiceTitles[index];
        return PostAsync(last.InteractiveType == "button" ? CloudApiDouble.ButtonReply(payload, title) : CloudApiDouble.ListReply(payload, title));
    }

    public async Task<IReadOnlyList<CloudApiDouble.Sent>> PostAsync(JsonObject content)
    {
        var id = "wamid." + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"HBgN{waId}FQIAEhgU{Interlocked.Increment(ref _next):D4}"));
        MessageIds.Add(id);
        var before = api.SentMessages.Count(s => s.To == waId);
        using (var posted = await CloudApiDouble.PostAsync(botUrl, CloudApiDouble.Delivery(waId, id, content)))
        {
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }
        return await AnswerAsync(before);
    }

    /// <summary>The messages that arrive after the first <paramref name="before"/>, once they stop coming.</summary>
    public async Task<IReadOnlyList<CloudApiDouble.Sent>> AnswerAsync(int before)
    {
        await api.WaitForAsync(waId, skip: before);
        var count = 0;
        while (true)
        {
            await Task.Delay(250);
            var now = api.SentMessages.Count(s => s.To == waId);
            if (now == count)
            {
                return [.. api.SentMessages.Where(s => s.To == waId).Skip(before)];
            }
            count = now;
        }
    }

    /// <summary>Types or taps ("tap:payload") each step.</summary>
    public async Task StepsAsync(params string[] steps)
    {
        foreach (var step in steps)
        {
            Assert.NotEmpty(step.StartsWith("tap:", StringComparison.Ordinal) ? await TapAsync(step[4..]) : await SayAsync(step));
        }
    }
}
