using System.Net;
using System.Text;
using Dapper;
using NetralBot.Storage;

namespace NetralBot.Tests.WhatsApp;

/// <summary>
/// Meta's delivery habits: retries (also after the bot restarted), deliveries out of order, several messages from
/// several people in one POST, a body changed after signing.
/// </summary>
public sealed class WhatsAppDeliveryTests
{
    [Fact]
    public async Task ARetriedDelivery_AfterARestart_IsStillHandledOnce_AndTheIdIsStoredOnlyAsAKeyedHash()
    {
        var (api, bot) = await WhatsAppReportTests.StartAsync();
        await using (api)
        {
            const string waId = "6281500000001";
            var delivery = CloudApiDouble.Delivery(waId, "wamid.HBgNNjI4MTUwMDAwMDAwMRUCABIYFDNBQjU5", CloudApiDouble.TextContent("halo"));
            using (var posted = await CloudApiDouble.PostAsync(bot.BaseUrl, delivery)) { }
            var answered = (await new WhatsAppPerson(api, bot.BaseUrl, waId).AnswerAsync(0)).Count;

            var restarted = await bot.RestartAsync();
            await using (restarted)
            {
                using (var again = await CloudApiDouble.PostAsync(restarted.BaseUrl, delivery))
                {
                    Assert.Equal(HttpStatusCode.OK, again.StatusCode);
                }
                var person = new WhatsAppPerson(api, restarted.BaseUrl, waId);
                var next = await person.SayAsync("/lapor"); // a new message is answered, and only it
                Assert.Contains("anonim", next[0].Text, StringComparison.Ordinal);
                Assert.Equal(answered + next.Count, api.SentMessages.Count(s => s.To == waId));

                using var connection = restarted.Get<Database>().Open();
                Assert.Equal(2, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM seen_updates WHERE channel = 'whatsapp'"));
                var files = WhatsAppReportTests.DatabaseFiles(restarted);
                Assert.Empty(Hostile.Encodings.FoundIn(files, "wamid.HBgNNjI4MTUwMDAwMDAwMRUCABIYFDNBQjU5"));
            }
        }
    }

    [Fact]
    public async Task OutOfOrderDeliveries_AreEachHandled_AndAnOldRetryAfterNewerOnesIsNot()
    {
        var (api, bot) = await WhatsAppReportTests.StartAsync();
        await using (api)
        await using (bot)
        {
            const string waId = "6281500000002";
            var person = new WhatsAppPerson(api, bot.BaseUrl, waId);
            var later = CloudApiDouble.Delivery(waId, "wamid.B2", CloudApiDouble.TextContent("/lapor"));
            var earlier = CloudApiDouble.Delivery(waId, "wamid.A1", CloudApiDouble.TextContent("boleh asn like postingan caleg?"));
            using (var posted = await CloudApiDouble.PostAsync(bot.BaseUrl, later)) { }
            var first = await person.AnswerAsync(0);
            using (var posted = await CloudApiDouble.PostAsync(bot.BaseUrl, earlier)) { }
            var second = await person.AnswerAsync(first.Count);
            Assert.Contains("anonim", first[0].Text, StringComparison.Ordinal);
            Assert.NotEmpty(second);
            var total = api.SentMessages.Count(s => s.To == waId);

            foreach (var retry in new[] { earlier, later })
            {
                using var posted = await CloudApiDouble.PostAsync(bot.BaseUrl, retry);
                Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            }
            await Task.Delay(1000);
            Assert.Equal(total, api.SentMessages.Count(s => s.To == waId));
        }
    }

    [Fact]
    public async Task OnePost_WithSeveralMessagesFromSeveralPeople_AnswersEachPerson_InTheirOrder()
    {
        var (api, bot) = await WhatsAppReportTests.StartAsync();
        await using (api)
        await using (bot)
        {
            var people = new[] { "6281500000011", "6281500000012", "6281500000013" };
            var messages = people.SelectMany((p, i) => new[]
            {
                (p, $"wamid.M{i}a", CloudApiDouble.TextContent("/lapor")),
                (p, $"wamid.M{i}b", CloudApiDouble.TextContent("/batal")),
            }).ToArray();
            using (var posted = await CloudApiDouble.PostAsync(bot.BaseUrl, CloudApiDouble.Deliveries(messages)))
            {
                Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            }
            foreach (var waId in people)
            {
                var answers = await new WhatsAppPerson(api, bot.BaseUrl, waId).AnswerAsync(0);
                var notice = answers.ToList().FindIndex(s => s.Text.Contains("anonim", StringComparison.Ordinal));
                var cancelled = answers.ToList().FindIndex(s => s.Text.Contains("dihapus", StringComparison.Ordinal) || s.Text.Contains("dibatalkan", StringComparison.Ordinal));
                Assert.True(notice >= 0 && cancelled > notice, $"{waId}: " + string.Join(" | ", answers.Select(a => a.Text)));
            }
        }
    }

    [Fact]
    public async Task ABodyChangedAfterSigning_IsRefused()
    {
        var (api, bot) = await WhatsAppReportTests.StartAsync();
        await using (api)
        await using (bot)
        {
            var genuine = CloudApiDouble.Delivery("6281500000021", "wamid.G1", CloudApiDouble.TextContent("halo"));
            var signature = CloudApiDouble.Sign(Encoding.UTF8.GetBytes(genuine));
            var changed = genuine.Replace("6281500000021", "6281500000022", StringComparison.Ordinal);
            using var posted = await CloudApiDouble.PostAsync(bot.BaseUrl, changed, signature);
            Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
            await Task.Delay(500);
            Assert.Empty(api.SentMessages);
        }
    }
}
