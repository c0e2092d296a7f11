namespace NetralBot.Tests.Telegram;

/// <summary>The real bot (Telegram.Bot client, polling worker, SQLite) against the telegram-test-api emulator.</summary>
[Collection(TelegramCollection.Name)]
public class TelegramChannelTests(TelegramEmulator telegram)
{
    private static long _nextChat = 7_000_000;

    private static long NewChat() => Interlocked.Increment(ref _nextChat);

    [Fact]
    public async Task Start_ShowsTheWelcomeWithTopicButtons()
    {
        var chat = NewChat();
        await telegram.SendAsync(chat, "/start");
        var reply = Assert.Single(await telegram.ReceiveAsync(chat));
        Assert.Equal("html", reply.ParseMode?.ToLowerInvariant());
        Assert.Contains("<b>NetralBot</b>", reply.Text, StringComparison.Ordinal);
        Assert.True(reply.Buttons.Count >= 8);
        Assert.All(reply.Buttons, b => Assert.True(System.Text.Encoding.UTF8.GetByteCount(b.Data) <= 64));
    }

    [Fact]
    public async Task SlangQuestion_IsAnsweredVerdictFirst_ThenAButtonTapOpensARelatedRule()
    {
        var chat = NewChat();
        await telegram.SendAsync(chat, "min, boleh gak sih ngelike postingan caleg?");
        var answer = Assert.Single(await telegram.ReceiveAsync(chat));
        Assert.StartsWith("<b>❌ TIDAK BOLEH</b>", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Dasar hukum:", answer.Text, StringComparison.Ordinal);
        var related = answer.Buttons.First(b => b.Data.StartsWith("r:", StringComparison.Ordinal));

        await telegram.TapAsync(chat, related.Data);
        var opened = Assert.Single(await telegram.ReceiveAsync(chat));
        Assert.Contains(related.Label[2..].Trim(), opened.Text, StringComparison.Ordinal);
    }

    /// <summary>Issue 9: the first reply is short; "Selengkapnya" (callback data m:rule) brings the why and the whole basis.</summary>
    [Fact]
    public async Task Answer_SelengkapnyaButton_BringsTheDetails()
    {
        var chat = NewChat();
        await telegram.SendAsync(chat, "boleh pasang twibbon capres?");
        var answer = Assert.Single(await telegram.ReceiveAsync(chat));
        Assert.DoesNotContain("Mengapa:", answer.Text, StringComparison.Ordinal);
        var more = answer.Buttons.First();
        Assert.Equal("m:use_candidate_twibbon", more.Data);

        await telegram.TapAsync(chat, more.Data);
        var details = Assert.Single(await telegram.ReceiveAsync(chat));
        Assert.Contains("<b>Mengapa:</b>", details.Text, StringComparison.Ordinal);
        Assert.Contains("ditinjau", details.Text, StringComparison.Ordinal);
    }

    /// <summary>Issue 11: /langganan answered by typing a name; a name that matches nothing gets the choices again and "2" picks choice 2.</summary>
    [Fact]
    public async Task Subscribing_ByTypedName_AndAfterAMiss_ByNumber()
    {
        var chat = NewChat();
        await telegram.SendAsync(chat, "/langganan");
        Assert.Single(await telegram.ReceiveAsync(chat));
        await telegram.SendAsync(chat, "Sleman");
        var agency = Assert.Single(await telegram.ReceiveAsync(chat));
        Assert.StartsWith("Tercatat: <b>Kabupaten Sleman</b>.", agency.Text, StringComparison.Ordinal);
        Assert.Contains("instansi mana", agency.Text, StringComparison.Ordinal);

        await telegram.SendAsync(chat, "rumah sakit jiwa");
        var again = Assert.Single(await telegram.ReceiveAsync(chat));
        Assert.Contains("tidak menemukan", again.Text, StringComparison.Ordinal);
        Assert.Equal(agency.Buttons.Select(b => b.Data), again.Buttons.Select(b => b.Data));

        await telegram.SendAsync(chat, "2");
        Assert.Contains("berlangganan", Assert.Single(await telegram.ReceiveAsync(chat)).Text, StringComparison.Ordinal);
        using var connection = telegram.Get<NetralBot.Storage.Database>().Open();
        var row = Dapper.SqlMapper.QuerySingle<(string Regency, string Agency)>(connection, "SELECT regency, agency FROM subscribers WHERE chat_id = @ChatId",
            new { ChatId = chat.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(("Kabupaten Sleman", "Dinas Kesehatan dan Puskesmas"), row);
    }

    [Fact]
    public async Task UserText_IsEscaped_NeverInterpretedAsHtml()
    {
        // The review shows what the person typed: what the bot sends must be that text escaped (issue 10: this test
        // used to pass with escaping removed, as nothing the person typed was ever shown back).
        var chat = NewChat();
        string review = "";
        foreach (var step in new[] { "/lapor", "tap:go", "tap:tc:Other", "<b>Kabid</b> & <script>alert(1)</script>", "tap:skip", "Kota Contoh", "tap:skip", "kemarin",
            "Kabid X mengunggah ajakan memilih calon bupati nomor 2 di akun Facebook pribadinya kemarin sore.", "selesai" })
        {
            if (step.StartsWith("tap:", StringComparison.Ordinal))
            {
                await telegram.TapAsync(chat, step[4..]);
            }
            else
            {
                await telegram.SendAsync(chat, step);
            }
            review = (await telegram.ReceiveAsync(chat)).Last().Text;
        }
        Assert.Contains("&lt;b&gt;Kabid&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;", review, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", review, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Kabid", review, StringComparison.Ordinal);
        await telegram.SendAsync(chat, "/batal");
        var cancelled = Assert.Single(await telegram.ReceiveAsync(chat));
        Assert.Contains("dihapus", cancelled.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportNotice_AQuestionTypedInstead_IsAnswered_OtherTextShowsTheWholeNoticeAgain()
    {
        var chat = NewChat();
        await telegram.SendAsync(chat, "/lapor");
        var notice = Assert.Single(await telegram.ReceiveAsync(chat));
        await telegram.SendAsync(chat, "boleh like postingan caleg?");
        Assert.StartsWith("<b>❌ TIDAK BOLEH</b>", Assert.Single(await telegram.ReceiveAsync(chat)).Text, StringComparison.Ordinal);

        await telegram.SendAsync(chat, "/lapor");
        await telegram.ReceiveAsync(chat);
        await telegram.SendAsync(chat, "hmm");
        Assert.Equal(notice.Text, Assert.Single(await telegram.ReceiveAsync(chat)).Text); // with what Telegram can see, not "{channel_limit}"
    }

    [Fact]
    public async Task ReportFlow_RunsInAPrivateChat_UpToTheReceiptCode()
    {
        var chat = NewChat();
        await telegram.SendAsync(chat, "/lapor");
        Assert.Contains("anonim", (await telegram.ReceiveAsync(chat)).Single().Text, StringComparison.Ordinal);
        await StepsAsync(chat, "tap:go", "tap:tc:SocialMedia", "Kabid X", "tap:skip", "Kota Contoh", "tap:skip", "kemarin",
            "Kabid X mengunggah ajakan memilih calon bupati nomor 2 di akun Facebook pribadinya kemarin sore.", "selesai");
        await telegram.TapAsync(chat, "send");
        var sent = Assert.Single(await telegram.ReceiveAsync(chat));
        Assert.Matches("<b>[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}</b>", sent.Text);
    }

    [Fact]
    public async Task Admin_HearsOfANewTip_AndOpensItWithTheButton()
    {
        var chat = NewChat();
        await telegram.SendAsync(chat, "/lapor");
        await telegram.ReceiveAsync(chat);
        await StepsAsync(chat, "tap:go", "tap:tc:Mobilising", "Kabid Y", "tap:skip", "Gunungkidul", "tap:skip", "kemarin",
            "Kabid Y mengumpulkan honorer di aula dan meminta mereka memilih calon bupati nomor 1.", "selesai", "tap:send");

        await telegram.Get<NetralBot.Admin.TipNotifications>().AnnounceAsync(CancellationToken.None);
        var announcement = (await telegram.ReceiveAsync(TelegramEmulator.AdminUserId)).Last();
        Assert.Contains("Gunungkidul", announcement.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("honorer", announcement.Text, StringComparison.Ordinal);
        await telegram.TapAsync(TelegramEmulator.AdminUserId, announcement.Buttons[^2].Data); // the newest tip's "📂 Buka"
        var opened = Assert.Single(await telegram.ReceiveAsync(TelegramEmulator.AdminUserId));
        Assert.Contains("Kabid Y", opened.Text, StringComparison.Ordinal);
        Assert.Contains(opened.Buttons, b => b.Data.EndsWith(":DiteruskanInspektorat", StringComparison.Ordinal));
    }

    /// <summary>Issue 11: routine polling writes nothing at Information (only our own start-up line and real events).</summary>
    [Fact]
    public async Task RoutinePolling_IsNotLoggedAtInformation()
    {
        var chat = NewChat();
        var before = telegram.Logs.GetSnapshot().Count;
        await telegram.SendAsync(chat, "/menu");
        await telegram.ReceiveAsync(chat);
        await Task.Delay(1500); // several getUpdates round trips
        var noisy = telegram.Logs.GetSnapshot().Skip(before)
            .Where(r => r.Level >= Microsoft.Extensions.Logging.LogLevel.Information && !r.Category!.StartsWith("NetralBot", StringComparison.Ordinal))
            .Select(r => r.Category + ": " + r.Message).ToList();
        Assert.Empty(noisy);
    }

    [Fact]
    public async Task Admin_GetsTheStatisticsPicture()
    {
        var before = FaultInjector.Photos.Count(p => p.ChatId == TelegramEmulator.AdminUserId);
        await telegram.SendAsync(TelegramEmulator.AdminUserId, "/statistik");
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (FaultInjector.Photos.Count(p => p.ChatId == TelegramEmulator.AdminUserId) == before && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        Assert.True(FaultInjector.Photos.Count(p => p.ChatId == TelegramEmulator.AdminUserId) > before, "no statistics picture arrived");
        await telegram.ReceiveAsync(TelegramEmulator.AdminUserId);
    }

    [Fact]
    public async Task ReportForm_KeepsAShortStory_AndReadsSeninKemarin()
    {
        var chat = NewChat();
        await StepsAsync(chat, "/lapor", "tap:go", "tap:tc:StateFacilities", "Camat Z", "tap:skip", "Bantul", "tap:skip", "senin kemarin", "Camat Z pakai mobil dinas");
        await telegram.SendAsync(chat, "untuk mengangkut kaos dan spanduk calon bupati ke tiga desa pada hari Senin.");
        var evidence = string.Join("\n", (await telegram.ReceiveAsync(chat)).Select(m => m.Text));
        Assert.Contains("8/8", evidence, StringComparison.Ordinal);
        await telegram.SendAsync(chat, "selesai");
        var summary = string.Join("\n", (await telegram.ReceiveAsync(chat)).Select(m => m.Text));
        Assert.Contains("Camat Z pakai mobil dinas untuk mengangkut kaos", summary, StringComparison.Ordinal);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, NetralBot.Core.Reminders.IndonesianTimeZones.Wib).DateTime);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7 is 0 ? 7 : ((int)today.DayOfWeek + 6) % 7));
        Assert.Contains(monday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Photo_ReachesTheReportFlow_ThroughGetFile()
    {
        var chat = NewChat();
        await StepsAsync(chat, "/lapor", "tap:go", "tap:tc:SocialMedia", "Kabid X", "tap:skip", "Kota Contoh", "tap:skip", "kemarin",
            "Kabid X mengunggah ajakan memilih calon bupati nomor 2 di akun Facebook pribadinya kemarin sore.");
        using var image = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgba32>(40, 30);
        using var jpeg = new MemoryStream();
        SixLabors.ImageSharp.ImageExtensions.SaveAsJpeg(image, jpeg);

        await telegram.SendPhotoAsync(chat, jpeg.ToArray());
        var added = Assert.Single(await telegram.ReceiveAsync(chat));
        Assert.Contains("(1)", added.Text, StringComparison.Ordinal);

        await telegram.SendPhotoAsync(chat, [1, 2, 3, 4, 5]);
        Assert.Contains("tidak bisa dibaca", Assert.Single(await telegram.ReceiveAsync(chat)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroupChat_AnswersOnlyCommands_AndRefusesReports()
    {
        var group = -NewChat();
        await telegram.SendAsync(group, "ngobrol biasa di grup soal caleg", userId: 555, groupTitle: "Grup Kantor");
        Assert.Empty(await telegram.ReceiveAsync(group, timeout: TimeSpan.FromSeconds(2)));

        await telegram.SendAsync(group, "/lapor@TestNameBot", userId: 555, groupTitle: "Grup Kantor");
        var refusal = Assert.Single(await telegram.ReceiveAsync(group));
        Assert.Contains("chat pribadi", refusal.Text, StringComparison.Ordinal);

        await telegram.SendAsync(group, "/help@OtherBot", userId: 555, groupTitle: "Grup Kantor");
        Assert.Empty(await telegram.ReceiveAsync(group, timeout: TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task TwentyQuickMessages_AreAllAnswered_InOrder()
    {
        var chat = NewChat();
        string[] questions = ["boleh like caleg?", "halo", "boleh nyoblos?", "/menu"];
        for (var i = 0; i < 20; i++)
        {
            await telegram.SendAsync(chat, questions[i % questions.Length]);
        }
        var replies = await telegram.ReceiveAsync(chat, count: 20, timeout: TimeSpan.FromSeconds(30));
        Assert.Equal(20, replies.Count);
        for (var i = 0; i < 20; i += questions.Length)
        {
            Assert.StartsWith("<b>❌ TIDAK BOLEH</b>", replies[i].Text, StringComparison.Ordinal);
            Assert.StartsWith("Halo", replies[i + 1].Text, StringComparison.Ordinal);
            Assert.StartsWith("<b>Menu</b>", replies[i + 3].Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void CommandMenu_IsSetAtStartUp_InIndonesianAndEnglish()
    {
        var lists = FaultInjector.CommandLists.ToList();
        Assert.Contains(lists, l => l.Contains("\"lapor\"", StringComparison.Ordinal) && l.Contains("anonim", StringComparison.Ordinal) && !l.Contains("language_code", StringComparison.Ordinal));
        Assert.Contains(lists, l => l.Contains("\"language_code\":\"en\"", StringComparison.Ordinal) && l.Contains("Report a violation", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Logs_NeverContainTheBotToken_OrWhoWrote()
    {
        var chat = NewChat();
        await telegram.SendAsync(chat, "/start");
        await telegram.ReceiveAsync(chat);
        var logs = string.Join("\n", telegram.Logs.GetSnapshot().Select(r => r.Category + " " + r.Message + " " + r.Exception));
        Assert.DoesNotContain(TelegramEmulator.Token.Split(':')[1], logs, StringComparison.Ordinal);
        Assert.DoesNotContain(chat.ToString(System.Globalization.CultureInfo.InvariantCulture), logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminCommand_FromAConfiguredAdmin_IsServed()
    {
        var chat = NewChat();
        await telegram.SendAsync(chat, "/admin", userId: TelegramEmulator.AdminUserId);
        Assert.Contains("/tipexport", (await telegram.ReceiveAsync(chat)).Single().Text, StringComparison.Ordinal);
    }

    /// <summary>Types each step, or taps it ("tap:payload"), and expects an answer to each.</summary>
    private async Task StepsAsync(long chat, params string[] steps)
    {
        foreach (var step in steps)
        {
            if (step.StartsWith("tap:", StringComparison.Ordinal))
            {
                await telegram.TapAsync(chat, step[4..]);
            }
            else
            {
                await telegram.SendAsync(chat, step);
            }
            Assert.NotEmpty(await telegram.ReceiveAsync(chat));
        }
    }
}
