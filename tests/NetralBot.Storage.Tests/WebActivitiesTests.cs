using System.Security.Cryptography;
using Dapper;

namespace NetralBot.Storage.Tests;

/// <summary>The web chat's conversations and recent activities, shared by every worker on one database.</summary>
public class WebActivitiesTests
{
    private static readonly byte[] KeySecret = RandomNumberGenerator.GetBytes(32);

    private static WebActivities Store(StoreFixture f) => new(f.Database, f.Cipher, new ConversationKeys(KeySecret), f.Time);

    private static long Append(WebActivities store, string conversation, string text, bool create = true, bool isPrivate = false) =>
        store.Append(conversation, w => $$"""{"text":"{{text}}","w":{{w}}}""", create, isPrivate) ?? -1;

    [Theory, ClassData(typeof(BothProviders))]
    public void PrivateActivities_GoWhenAcknowledged_OrAfterTheGraceOnceSent_OrdinaryOnesStay(StorageProvider provider)
    {
        using var f = new StoreFixture(provider);
        var store = Store(f);
        var question = Append(store, "conv-a", "boleh foto sama paslon?");
        var answer = Append(store, "conv-a", "TIDAK BOLEH");
        var typed = Append(store, "conv-a", "Bapak Terlapor"); // posted before its step is known to be a report's
        var prompt = Append(store, "conv-a", "Instansinya?", isPrivate: true);
        var receipt = Append(store, "conv-a", "Kode tanda terima AAAA-BBBB", isPrivate: true);
        var other = Append(store, "conv-b", "laporan lain", isPrivate: true);
        store.MakePrivate("conv-a", typed, f.Time.GetUtcNow().AddSeconds(60));
        Assert.Equal([true, true, true], store.After("conv-a", answer).Select(r => r.Private));
        Assert.Equal([false, false], store.After("conv-a", -1).Take(2).Select(r => r.Private));

        // A poll with the prompt's watermark: the client has the visitor's answer and the prompt, not the receipt.
        Assert.Equal([receipt], store.Poll("conv-a", prompt).Select(r => r.Watermark));
        Assert.Equal([question, answer, receipt], store.After("conv-a", -1).Select(r => r.Watermark));

        // The receipt went out on a stream (no acknowledgement): it stays for the grace, then it is forgotten.
        store.Sent("conv-a", receipt, f.Time.GetUtcNow().AddSeconds(60));
        f.Time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, store.ForgetSent());
        Assert.Contains(receipt, store.After("conv-a", -1).Select(r => r.Watermark));
        f.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, store.ForgetSent());
        Assert.Equal([question, answer], store.After("conv-a", -1).Select(r => r.Watermark));
        Assert.Equal(["boleh foto sama paslon?", "TIDAK BOLEH"], store.After("conv-a", -1).Select(r => System.Text.Json.JsonDocument.Parse(r.Json).RootElement.GetProperty("text").GetString()));

        // Another conversation's private activity was never sent: neither the acknowledgement nor the forgetting touched it.
        Assert.Equal([other], store.After("conv-b", -1).Select(r => r.Watermark));
        // Acknowledging ordinary activities deletes nothing.
        Assert.Empty(store.Poll("conv-a", answer + 100));
        Assert.Equal(2, store.After("conv-a", -1).Count);
        using var connection = f.Database.Open();
        Assert.Equal(3L, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM web_activities"));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public void Appends_GetConsecutiveWatermarks_ThatOnlyGrow_AndOnlyTheLast64AreKept(StorageProvider provider)
    {
        using var f = new StoreFixture(provider);
        var store = Store(f);
        store.Open("conv-a");
        var first = Append(store, "conv-a", "halo");
        var watermarks = new List<long> { first };
        for (var i = 1; i < 100; i++)
        {
            watermarks.Add(Append(store, "conv-a", "pesan " + i));
        }
        Assert.Equal(Enumerable.Range(0, 100).Select(i => first + i), watermarks);

        var kept = store.After("conv-a", -1);
        Assert.Equal(WebActivities.Kept, kept.Count);
        Assert.Equal(watermarks[^64..], kept.Select(k => k.Watermark));
        Assert.Equal($$"""{"text":"pesan 99","w":{{watermarks[^1]}}}""", kept[^1].Json);
        Assert.Equal(watermarks[^5..], store.After("conv-a", watermarks[^6]).Select(k => k.Watermark));
        Assert.Empty(store.After("conv-a", watermarks[^1]));

        // Another conversation counts its own; the first one's numbers do not move.
        Append(store, "conv-b", "lain");
        Assert.Equal(watermarks[^1], store.Latest(["conv-a", "conv-b", "conv-none"])["conv-a"]);
        Assert.Equal(2, store.Latest(["conv-a", "conv-b", "conv-none"]).Count);
        // A worker with thousands of streams open asks about all of them (in chunks SQLite accepts).
        Assert.Equal(2, store.Latest([.. Enumerable.Range(0, 2500).Select(i => "other-" + i), "conv-a", "conv-b"]).Count);
        store.Touch([.. Enumerable.Range(0, 2500).Select(i => "other-" + i), "conv-a"]);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task TwoWorkersAppendingAtOnce_NeverShareOrSkipANumber_AndAReaderSeesThemInOrder(StorageProvider provider)
    {
        using var f = new StoreFixture(provider);
        // Two workers: two store objects, each with its own connections, on the same database and key.
        var workers = new[] { Store(f), Store(f) };
        workers[0].Open("shared");
        var start = workers[0].Latest(["shared"])["shared"];
        var seen = new List<long>();
        long lastSeen = 0;
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            var last = start;
            while (!stop.IsCancellationRequested)
            {
                foreach (var row in workers[1].After("shared", last, touch: false))
                {
                    seen.Add(row.Watermark);
                    last = row.Watermark;
                    Interlocked.Exchange(ref lastSeen, last);
                }
            }
        });
        Parallel.For(0, 2, worker =>
        {
            for (var i = 0; i < 30; i++)
            {
                Append(workers[worker], "shared", $"worker {worker} message {i}");
            }
        });
        var end = workers[0].Latest(["shared"])["shared"];
        SpinWait.SpinUntil(() => Interlocked.Read(ref lastSeen) == end, TimeSpan.FromSeconds(10));
        stop.Cancel();
        await reader;

        Assert.Equal(start + 60, end);
        // The reader asked "after the last one I saw" all along and still got every number once, in order: nothing
        // committed later had a smaller number.
        Assert.Equal(Enumerable.Range(1, 60).Select(i => start + i), seen);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public void Sweep_ForgetsIdleConversations_NotUsedOnes_AndAForgottenOneComesBackWithLargerWatermarks(StorageProvider provider)
    {
        using var f = new StoreFixture(provider);
        var store = Store(f);
        var before = Append(store, "idle", "lama");
        Append(store, "polled", "dibaca");
        Append(store, "streamed", "dialirkan");
        f.Time.Advance(TimeSpan.FromMinutes(50));
        store.After("polled", -1); // a poll marks it used
        store.Touch(["streamed"]); // so does a worker with a stream open on it
        f.Time.Advance(TimeSpan.FromMinutes(20));

        // Two workers sweeping at once: each deletes what is idle, neither fails.
        Parallel.For(0, 2, _ => Store(f).Sweep(f.Time.GetUtcNow() - TimeSpan.FromMinutes(60)));
        Assert.Equal(["polled", "streamed"], store.Latest(["idle", "polled", "streamed"]).Keys.Order());
        Assert.Empty(store.After("idle", -1));
        using (var connection = f.Database.Open())
        {
            Assert.Equal(2, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM web_activities"));
        }

        // A broadcast finds it gone; the visitor coming back starts it again above every number it had.
        Assert.Equal(-1, Append(store, "idle", "siaran", create: false));
        Assert.True(Append(store, "idle", "kembali") > before);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public void Activities_AreEncrypted_AndTheConversationIdIsNotStored_AndTheySurviveARestart(StorageProvider provider)
    {
        using var f = new StoreFixture(provider);
        const string conversation = "Xk2pQ9rT5vW8yZ1bC4eF7h";
        const string receipt = "NB-7KQ2-M4XD";
        Append(Store(f), conversation, "Laporan terkirim. Kode tanda terima: " + receipt);

        var stored = f.Temp.StoredText();
        Assert.DoesNotContain(receipt, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("Kode tanda terima", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(conversation, stored, StringComparison.Ordinal);

        // A new process (new pools, new store) on the same database and key reads it back.
        f.Temp.ClearPools();
        var restarted = new WebActivities(f.Temp.Migrated(f.Time), f.Cipher, new ConversationKeys(KeySecret), f.Time);
        Assert.Contains(receipt, Assert.Single(restarted.After(conversation, -1)).Json, StringComparison.Ordinal);
    }
}
