using System.Text;
using System.Text.Json;

namespace NetralBot.Tests;

/// <summary>The command-line contracts, run against the real program.</summary>
public class CommandLineTests
{
    [Fact]
    public async Task Ask_OneQuestion_PrintsTheAnswerAsAPersonSeesIt()
    {
        using var cli = new CliRunner();
        var result = await cli.RunAsync("", "ask", "min, boleh gak sih ngelike postingan caleg?", "--dialogs", CliRunner.RepositoryDialogs);
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("❌ TIDAK BOLEH", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Dasar hukum:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("[1] ", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("**", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskJson_ThousandsOfLines_OneObjectPerLineInOrder()
    {
        using var cli = new CliRunner();
        string[] samples =
        [
            "min, boleh gak sih ngelike postingan caleg?",
            "halo",
            "mau lapor",
            "kapan gaji 13 cair?",
            "pose?",
            "boleh nyoblos kan?",
            "oleh ora melu kampanye nonton tok?",
            "\"quoted\" \\ backslash <b>html</b>",
        ];
        var lines = Enumerable.Range(0, 3000).Select(i => samples[i % samples.Length] + (i % 2 == 0 ? "" : " ")).ToList();
        var result = await cli.RunAsync(string.Join("\n", lines) + "\n", "ask", "--json", "--dialogs", CliRunner.RepositoryDialogs);
        Assert.Equal(0, result.ExitCode);
        var output = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(lines.Count, output.Length);
        for (var i = 0; i < lines.Count; i++)
        {
            using var json = JsonDocument.Parse(output[i]);
            var root = json.RootElement;
            Assert.Equal(lines[i], root.GetProperty("question").GetString());
            foreach (var field in new[] { "intent", "verdict", "rule", "confidence", "answer", "basis", "choices" })
            {
                Assert.True(root.TryGetProperty(field, out _), $"line {i} lacks {field}");
            }
        }
        using var first = JsonDocument.Parse(output[0]);
        Assert.Equal("guidance", first.RootElement.GetProperty("intent").GetString());
        Assert.Equal("tidak_boleh", first.RootElement.GetProperty("verdict").GetString());
        Assert.Equal("like_post_candidate", first.RootElement.GetProperty("rule").GetString());
        Assert.NotEmpty(first.RootElement.GetProperty("basis").EnumerateArray());
        Assert.Equal(["greeting", "report", "out_of_scope", "clarify"], output.Skip(1).Take(4).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("intent").GetString()));
        using var clarify = JsonDocument.Parse(output[4]);
        Assert.InRange(clarify.RootElement.GetProperty("choices").GetArrayLength(), 2, 3);
        Assert.Equal(JsonValueKind.Null, clarify.RootElement.GetProperty("verdict").ValueKind);
    }

    [Fact]
    public async Task AskJson_AnswerIsTheFirstReplyAsSent_MoreHoldsTheDetails()
    {
        using var cli = new CliRunner();
        var result = await cli.RunAsync("boleh pasang twibbon capres?\nCan I like a candidate's post on Instagram?\n-1\n", "ask", "--json", "--dialogs", CliRunner.RepositoryDialogs);
        Assert.Equal(0, result.ExitCode);
        var rows = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var answer = rows[0].GetProperty("answer").GetString()!;
        var more = rows[0].GetProperty("more").GetString()!;
        Assert.StartsWith("❌ TIDAK BOLEH", answer, StringComparison.Ordinal);
        Assert.InRange(answer.Length, 100, 700);
        Assert.Contains("[1] 📖 Selengkapnya", answer, StringComparison.Ordinal);
        Assert.Contains("Mengapa:", more, StringComparison.Ordinal);
        Assert.DoesNotContain("Mengapa:", answer, StringComparison.Ordinal);
        Assert.StartsWith("❌ NOT ALLOWED", rows[1].GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.Equal("unknown", rows[2].GetProperty("intent").GetString());
        Assert.Equal(JsonValueKind.Null, rows[2].GetProperty("verdict").ValueKind);
        Assert.Equal(JsonValueKind.Null, rows[2].GetProperty("more").ValueKind);
    }

    [Fact]
    public async Task Evaluate_LabelledSet_PrintsVerdictFigures_AndWritesTheReport()
    {
        using var cli = new CliRunner();
        var set = Path.Combine(cli.DataFolder, "set.tsv");
        await File.WriteAllTextAsync(set, string.Join('\n',
            "# a tiny set",
            "like_post_candidate\ttidak_boleh\tboleh ngelike postingan caleg?",
            "vote_use_right\tboleh\tasn boleh nyoblos ga sih?",
            "share_post_candidate\tboleh\tboleh share video kampanye capres ke grup WA?",
            "@report\t-\tmau lapor camat kampanye",
            "@unknown\t-\t-1") + "\n");
        var report = Path.Combine(cli.DataFolder, "report");
        var result = await cli.RunAsync("", "evaluate", "--set", set, "--report", report, "--dialogs", CliRunner.RepositoryDialogs);
        Assert.Equal(0, result.ExitCode);
        // The third line is labelled wrongly on purpose: the bot's tidak_boleh counts as a verdict error.
        Assert.Contains("verdict accuracy       66.7 %", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("intent accuracy       100.0 %", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("dangerous answers           0", result.Stdout, StringComparison.Ordinal);
        var png = await File.ReadAllBytesAsync(Path.Combine(report, "confusion.png"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png.Take(4));
        Assert.Contains("like_post_candidate", await File.ReadAllTextAsync(Path.Combine(report, "confusion.csv")), StringComparison.Ordinal);
        var errors = await File.ReadAllTextAsync(Path.Combine(report, "errors.csv"));
        Assert.Contains("boleh share video kampanye capres ke grup WA?", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("asn boleh nyoblos", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_MalformedSet_NamesFileAndLine()
    {
        using var cli = new CliRunner();
        var set = Path.Combine(cli.DataFolder, "bad.tsv");
        await File.WriteAllTextAsync(set, "like_post_candidate\ttidak_boleh\tok?\nno_such_rule\tboleh\tx?\nlike_post_candidate\tmaybe\ty?\n");
        var result = await cli.RunAsync("", "evaluate", "--set", set, "--dialogs", CliRunner.RepositoryDialogs);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("bad.tsv:2: unknown rule 'no_such_rule'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("bad.tsv:3: verdict must be", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckDialogs_ValidFolder_SaysOk()
    {
        using var cli = new CliRunner();
        var result = await cli.RunAsync("", "check-dialogs", "--dialogs", CliRunner.RepositoryDialogs);
        Assert.Equal(0, result.ExitCode);
        // Warnings (file:line) may come first; the summary is the last line.
        Assert.StartsWith("OK:", result.Stdout.TrimEnd().Split('\n')[^1], StringComparison.Ordinal);
        Assert.DoesNotContain(": error:", result.Stdout, StringComparison.Ordinal);
    }

    /// <summary>Issue 9: a forbidden act among a lenient rule's examples is caught with its file and line.</summary>
    [Fact]
    public async Task CheckDialogs_ForbiddenActAmongLenientExamples_FailsAtThatLine()
    {
        using var cli = new CliRunner();
        var dialogs = cli.CopyDialogs();
        var file = Path.Combine(dialogs, "rules", "70-keluarga-dan-status.yaml");
        var lines = File.ReadAllLines(file).ToList();
        var rule = lines.FindIndex(l => l.Trim() == "- id: spouse_candidate_accompany");
        var examples = lines.FindIndex(rule, l => l.Trim() == "examples:");
        lines.Insert(examples + 1, "      - istri nyaleg, kalo sudah CLTN boleh jadi jurkam dan timses istri?");
        File.WriteAllLines(file, lines);

        var result = await cli.RunAsync("", "check-dialogs", "--dialogs", dialogs);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"rules/70-keluarga-dan-status.yaml:{examples + 2}: error: example \"istri nyaleg, kalo sudah CLTN boleh jadi jurkam dan timses istri?\" of 'spouse_candidate_accompany' (bersyarat) reads as", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckDialogs_BrokenRule_FailsWithFileAndLine()
    {
        using var cli = new CliRunner();
        var dialogs = cli.CopyDialogs();
        var file = Path.Combine(dialogs, "rules", "60-uang-dan-hadiah.yaml");
        var lines = File.ReadAllLines(file).ToList();
        var verdictLine = lines.FindIndex(l => l.TrimStart().StartsWith("verdict:", StringComparison.Ordinal));
        lines[verdictLine] = "    verdict: mungkin";
        File.WriteAllLines(file, lines);

        var result = await cli.RunAsync("", "check-dialogs", "--dialogs", dialogs);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"rules/60-uang-dan-hadiah.yaml:{verdictLine + 1}: 'verdict' is 'mungkin'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_RefusesToStartOnInvalidDialogs()
    {
        using var cli = new CliRunner();
        var dialogs = cli.CopyDialogs();
        await File.AppendAllTextAsync(Path.Combine(dialogs, "texts.id.yaml"), "\nwelcome: [unclosed\n");
        var result = await cli.RunAsync("halo\n", "chat", "--dialogs", dialogs);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("texts.id.yaml:", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.DatabaseFile));
    }

    [Fact]
    public async Task Chat_AnswersTypedQuestionsAndNumberedChoices_AndResumesAfterRestart()
    {
        using var cli = new CliRunner();
        var first = await cli.RunAsync("min, boleh gak sih ngelike postingan caleg?\n", "chat", "--dialogs", CliRunner.RepositoryDialogs);
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("Halo!", first.Stdout, StringComparison.Ordinal);           // welcome on a new conversation
        Assert.Contains("❌ TIDAK BOLEH", first.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(cli.DatabaseFile));

        // A new process: the conversation continues where it was, so "1" picks the first related question offered before.
        var second = await cli.RunAsync("1\n/keluar\n", "chat", "--dialogs", CliRunner.RepositoryDialogs);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("Percakapan dilanjutkan", second.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Halo!", second.Stdout, StringComparison.Ordinal);
        Assert.Contains("Dasar hukum:", second.Stdout, StringComparison.Ordinal);
    }

    /// <summary>
    /// Issue 15: the console answers without mapping ASP.NET Core (the web host is built only when Http:Urls is set), nor
    /// Npgsql on its SQLite file (only the PostgreSQL methods name Npgsql's types).
    /// </summary>
    [Fact]
    public async Task Chat_Answers_WithoutLoadingTheWebServer()
    {
        using var cli = new CliRunner();
        using var chat = cli.Start("chat", "--dialogs", CliRunner.RepositoryDialogs);
        var (output, reading) = ReadOutput(chat);
        await chat.StandardInput.WriteLineAsync("min, boleh gak sih ngelike postingan caleg?");
        await chat.StandardInput.FlushAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string answered;
        while (true)
        {
            lock (output)
            {
                answered = output.ToString();
            }
            if (answered.Contains("TIDAK BOLEH", StringComparison.Ordinal) || DateTime.UtcNow > deadline)
            {
                break;
            }
            await Task.Delay(100);
        }
        var mapped = await File.ReadAllTextAsync($"/proc/{chat.Id}/maps");
        await chat.StandardInput.WriteLineAsync("/keluar");
        chat.StandardInput.Close();
        await chat.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        await reading;

        Assert.Contains("❌ TIDAK BOLEH", answered, StringComparison.Ordinal);
        Assert.Contains("netralbot.dll", mapped, StringComparison.Ordinal);
        // Microsoft.Extensions.* come from the ASP.NET Core folder too; ASP.NET Core's own assemblies must not be there.
        Assert.DoesNotContain(mapped.Split('\n'), line => Path.GetFileName(line.Trim()).StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal));
        Assert.DoesNotContain(mapped.Split('\n'), line => Path.GetFileName(line.Trim()) == "Npgsql.dll");
    }

    [Fact]
    public async Task Ask_UnknownLanguage_IsAClearError()
    {
        using var cli = new CliRunner();
        var result = await cli.RunAsync("", "ask", "halo", "--lang", "fr", "--dialogs", CliRunner.RepositoryDialogs);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--lang must be id or en", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_InvalidConfiguration_StopsAtStartupNamingTheOption()
    {
        using var cli = new CliRunner();
        cli.Environment["NETRALBOT__Bot__DefaultLanguage"] = "fr";
        var result = await cli.RunAsync("halo\n", "chat", "--dialogs", CliRunner.RepositoryDialogs);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Bot:DefaultLanguage must be 'id' or 'en'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_ReportNotice_AQuestionTypedInstead_IsAnswered_OtherTextShowsTheWholeNoticeAgain()
    {
        using var cli = new CliRunner();
        var result = await cli.RunAsync("/lapor\nboleh like postingan caleg?\n/lapor\nhmm\n", "chat", "--dialogs", CliRunner.RepositoryDialogs);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("TIDAK BOLEH", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("{channel_limit}", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(3, result.Stdout.Split("Batasnya jujur saja").Length - 1); // the notice three times, each with its limit
    }

    [Fact]
    public async Task Questions_ListsWhatWasAsked_WithoutIdentifiers_AndTheUnanswered()
    {
        using var cli = new CliRunner();
        await cli.RunAsync("boleh gak ngelike postingan caleg?\npose?\natasan saya nyuruh pilih paslon 2\n", "chat", "--dialogs", CliRunner.RepositoryDialogs);

        var all = await cli.RunAsync("", "questions");
        Assert.Equal(0, all.ExitCode);
        var lines = all.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, l => l.Contains("\tguidance\t", StringComparison.Ordinal) && l.Contains("like_post_candidate", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("\treport\t", StringComparison.Ordinal) && !l.Contains("atasan", StringComparison.Ordinal));

        var unanswered = await cli.RunAsync("", "questions", "--unanswered");
        Assert.Equal("pose?", Assert.Single(unanswered.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Split('\t')[^1]);
    }

    [Fact]
    public async Task Tips_ListAndExport_FromTheCommandLine()
    {
        using var cli = new CliRunner();
        const string story = "Lurah Contoh membagikan amplop berisi uang kepada warga sambil menyebut nama calon walikota nomor 1.";
        var chat = string.Join("\n", "/lapor", "1", "5", "Lurah Contoh", "Kelurahan Contoh", "Kota Contoh", "1", "kemarin", story, "selesai", "1") + "\n";
        var sent = await cli.RunAsync(chat, "chat", "--dialogs", CliRunner.RepositoryDialogs);
        Assert.Contains("Laporan terkirim", sent.Stdout, StringComparison.Ordinal);

        var list = await cli.RunAsync("", "tips", "list", "--dialogs", CliRunner.RepositoryDialogs);
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("\tMoneyGifts\tBaru", list.Stdout, StringComparison.Ordinal);

        var file = Path.Combine(cli.DataFolder, "export.csv");
        var export = await cli.RunAsync("", "tips", "export", "--format", "csv", "--out", file, "--dialogs", CliRunner.RepositoryDialogs);
        Assert.Equal(0, export.ExitCode);
        var csv = await File.ReadAllTextAsync(file);
        Assert.StartsWith("id,created_at,category,status", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains(story, csv, StringComparison.Ordinal);
        Assert.Contains(",Uang atau hadiah,baru (belum diperiksa),", csv, StringComparison.Ordinal);   // the labels admins see in chat
        Assert.DoesNotContain("MoneyGifts", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BroadcastSend_ToASegment_WithAPicture_NamesAreChecked_NobodyIsRefused()
    {
        using var cli = new CliRunner();
        var subscribed = await cli.RunAsync("/langganan\n1\n1\n", "chat", "--dialogs", CliRunner.RepositoryDialogs); // Kota Yogyakarta · Dinas Pendidikan dan sekolah
        Assert.Contains("berlangganan", subscribed.Stdout, StringComparison.Ordinal);
        var text = Path.Combine(cli.DataFolder, "pesan.txt");
        await File.WriteAllTextAsync(text, "Guru ASN: jaga netralitas di sekolah.");
        var photo = Path.Combine(cli.DataFolder, "poster.jpg");
        await File.WriteAllBytesAsync(photo, EvidenceTests.PhotoWithGpsAndCamera());

        var sent = await cli.RunAsync("", "broadcast", "send", "--text-file", text, "--segment", "regency=kota yogyakarta", "--segment", "agency=dinas pendidikan dan sekolah",
            "--image", photo, "--dialogs", CliRunner.RepositoryDialogs);
        Assert.Equal(0, sent.ExitCode);
        Assert.Contains("queued for 1 subscriber", sent.Stdout, StringComparison.Ordinal);
        var status = await cli.RunAsync("", "broadcast", "status", "1", "--dialogs", CliRunner.RepositoryDialogs);
        Assert.Contains("1 pending of 1", status.Stdout, StringComparison.Ordinal);

        var typo = await cli.RunAsync("", "broadcast", "send", "--text-file", text, "--segment", "agency=Dinas Rahasia", "--dialogs", CliRunner.RepositoryDialogs);
        Assert.Equal(2, typo.ExitCode);
        Assert.Contains("Choose one of: Dinas Pendidikan dan sekolah, Dinas Kesehatan dan Puskesmas", typo.Stderr, StringComparison.Ordinal);
        var nobody = await cli.RunAsync("", "broadcast", "send", "--text-file", text, "--segment", "regency=Kabupaten Sleman", "--dialogs", CliRunner.RepositoryDialogs);
        Assert.Equal(1, nobody.ExitCode);
        Assert.Contains("nothing was queued", nobody.Stderr, StringComparison.Ordinal);
        var later = await cli.RunAsync("", "broadcast", "send", "--text-file", text, "--at", "besok 07:00 WITA", "--dialogs", CliRunner.RepositoryDialogs);
        Assert.Equal(0, later.ExitCode);
        Assert.Contains("Broadcast 2 scheduled for", later.Stdout, StringComparison.Ordinal);
        Assert.Contains("07:00 WITA", later.Stdout, StringComparison.Ordinal);
        Assert.Contains("Broadcast 2: scheduled (", (await cli.RunAsync("", "broadcast", "status", "2", "--dialogs", CliRunner.RepositoryDialogs)).Stdout, StringComparison.Ordinal);
        var past = await cli.RunAsync("", "broadcast", "send", "--text-file", text, "--at", "kemarin", "--dialogs", CliRunner.RepositoryDialogs);
        Assert.Equal(2, past.ExitCode);
        Assert.Contains("give a later time", past.Stderr, StringComparison.Ordinal);
        var notAPicture = await cli.RunAsync("", "broadcast", "send", "--text-file", text, "--image", text, "--dialogs", CliRunner.RepositoryDialogs);
        Assert.Equal(2, notAPicture.ExitCode);
        Assert.Contains("not a picture", notAPicture.Stderr, StringComparison.Ordinal);

        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={cli.DatabaseFile};Pooling=False");
        var stored = Dapper.SqlMapper.ExecuteScalar<byte[]>(connection, "SELECT image FROM broadcasts WHERE id = 1")!;
        Assert.True(stored.Length > 0);
        Assert.DoesNotContain("Model-X1", System.Text.Encoding.Latin1.GetString(stored), StringComparison.Ordinal);
    }

    /// <summary>
    /// Issue 11: on the console, /langganan is answered by typing the names (any case, "kab.", a typo); a name that
    /// matches nothing gets the choices again and the following "2" picks choice 2 (it used to be answered as a question).
    /// </summary>
    [Fact]
    public async Task Chat_SubscribingByTypedName_OrAfterAMiss_ByNumber()
    {
        using var cli = new CliRunner();
        var typed = await cli.RunAsync("/langganan\nkab. slemen\nKESEHATAN\n", "chat", "--dialogs", CliRunner.RepositoryDialogs);
        Assert.Contains("Tercatat: Kabupaten Sleman.", typed.Stdout, StringComparison.Ordinal);
        Assert.Contains("Tercatat: Dinas Kesehatan dan Puskesmas.", typed.Stdout, StringComparison.Ordinal);
        Assert.Contains("Anda berlangganan", typed.Stdout, StringComparison.Ordinal);

        using var other = new CliRunner();
        var missed = await other.RunAsync("/langganan\njakarta\n2\nlewati\n", "chat", "--dialogs", CliRunner.RepositoryDialogs);
        var afterMiss = missed.Stdout[missed.Stdout.IndexOf("tidak menemukan", StringComparison.Ordinal)..];
        Assert.Contains("[2] Kabupaten Sleman", afterMiss, StringComparison.Ordinal);   // the choices again
        Assert.Contains("instansi mana", afterMiss, StringComparison.Ordinal);          // "2" picked Kabupaten Sleman
        Assert.Contains("Anda berlangganan", afterMiss, StringComparison.Ordinal);
        Assert.DoesNotContain("Maaf, saya belum paham", missed.Stdout, StringComparison.Ordinal);

        var text = Path.Combine(other.DataFolder, "pesan.txt");
        await File.WriteAllTextAsync(text, "Untuk ASN di Sleman.");
        var sent = await other.RunAsync("", "broadcast", "send", "--text-file", text, "--segment", "regency=Kabupaten Sleman", "--dialogs", CliRunner.RepositoryDialogs);
        Assert.Contains("queued for 1 subscriber", sent.Stdout, StringComparison.Ordinal);
    }

    /// <summary>
    /// Issue 11 / design move 1: admin flows go through the same step as every dialog, so on the console a typed number
    /// picks the admin's button (it used to be taken as a new question), and the console shows what a subscriber receives.
    /// </summary>
    [Fact]
    public async Task ConsoleAdmin_PicksButtonsByNumber_AndTheConsoleSubscriberSeesTheBroadcast()
    {
        using var cli = new CliRunner();
        cli.Environment["NETRALBOT__Admins__Users__0"] = "console:local";
        cli.Environment["NETRALBOT__Broadcasts__ProgressSeconds"] = "1";
        using var chat = cli.Start("chat", "--dialogs", CliRunner.RepositoryDialogs);
        var (output, reading) = ReadOutput(chat);
        async Task<string> SayAsync(string line, string expect)
        {
            int before;
            lock (output)
            {
                before = output.Length;
            }
            await chat.StandardInput.WriteLineAsync(line);
            await chat.StandardInput.FlushAsync();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline)
            {
                lock (output)
                {
                    var since = output.ToString(before, output.Length - before);
                    if (since.Contains(expect, StringComparison.Ordinal))
                    {
                        return since;
                    }
                }
                await Task.Delay(50);
            }
            lock (output)
            {
                Assert.Fail($"'{expect}' did not appear after '{line}'. Output:\n{output}");
            }
            return "";
        }

        await SayAsync("/langganan", "kabupaten/kota mana");
        await SayAsync("1", "instansi mana");
        await SayAsync("1", "Anda berlangganan");
        var preview = await SayAsync("/siaran Guru ASN: jaga netralitas di sekolah.", "1 pelanggan");
        Assert.Contains("[1]", preview, StringComparison.Ordinal);
        var queued = await SayAsync("1", "untuk 1 pelanggan");
        Assert.DoesNotContain("TIDAK BOLEH", queued, StringComparison.Ordinal);
        await SayAsync("", "📢 Guru ASN: jaga netralitas di sekolah.");

        await chat.StandardInput.WriteLineAsync("/keluar");
        chat.StandardInput.Close();
        Assert.True(chat.WaitForExit(30_000));
        await reading;
    }

    /// <summary>`run` with Http:Urls serves HTTP (and not the console) and is ready within 30 s; stopping is clean.</summary>
    [Fact]
    public async Task Run_WithHttpUrls_IsReadyWithin30Seconds_AndServesTheWebChat()
    {
        using var cli = new CliRunner();
        var url = $"http://127.0.0.1:{Telegram.TelegramEmulator.FreePort()}";
        cli.Environment["NETRALBOT__Http__Urls"] = url;
        using var run = cli.Start("run", "--dialogs", CliRunner.RepositoryDialogs);
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var ready = false;
        while (!ready && started.Elapsed < TimeSpan.FromSeconds(30) && !run.HasExited)
        {
            try
            {
                ready = (await http.GetAsync(url + "/readyz")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }
        Assert.True(ready, $"not ready after {started.Elapsed.TotalSeconds:F1} s");
        Assert.Contains("TIDAK BOLEH", await AskOverTheWebAsync(http, url), StringComparison.Ordinal);

        run.StandardInput.Close(); // a service has no terminal: closing stdin must not stop it
        await Task.Delay(500);
        Assert.False(run.HasExited);
        run.Kill(entireProcessTree: true);
        await run.WaitForExitAsync();
        var log = await run.StandardError.ReadToEndAsync();
        Assert.Contains("Serving HTTP on " + url, log, StringComparison.Ordinal);
        Assert.DoesNotContain("serving the console", log, StringComparison.Ordinal);
    }

    private static async Task<string> AskOverTheWebAsync(HttpClient http, string url)
    {
        var chat = new Web.DirectLineClient(url);
        await chat.StartAsync();
        var answer = await chat.WaitForReplyToAsync(await chat.SayAsync("boleh ngelike postingan caleg?"));
        return (string)answer["text"]!;
    }

    /// <summary>Issue 11: in `chat`, logs (the new-key warning, "a tip was received") go to a file, never into the conversation.</summary>
    [Fact]
    public async Task Chat_WritesItsLogsToAFile_NotIntoTheConversation()
    {
        using var cli = new CliRunner();
        var story = "Kepala dinas mengumpulkan staf di aula dan meminta semua memilih paslon nomor 2 sambil membagikan kaos.";
        var chat = string.Join("\n", "/lapor", "1", "5", "Lurah Contoh", "Kelurahan Contoh", "Sleman", "1", "kemarin", story, "selesai", "1") + "\n";
        var result = await cli.RunAsync(chat, "chat", "--dialogs", CliRunner.RepositoryDialogs);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Kode laporan Anda", result.Stdout, StringComparison.Ordinal);
        foreach (var output in new[] { result.Stdout, result.Stderr })
        {
            Assert.DoesNotContain("info:", output, StringComparison.Ordinal);
            Assert.DoesNotContain("warn:", output, StringComparison.Ordinal);
            Assert.DoesNotContain("A tip was received", output, StringComparison.Ordinal);
        }
        var log = Path.Combine(Path.GetDirectoryName(cli.DatabaseFile)!, "chat.log");
        Assert.Contains("(Catatan sistem ditulis ke " + log + ")", result.Stdout, StringComparison.Ordinal);
        var logged = await File.ReadAllTextAsync(log);
        Assert.Contains("Created a new secret key file", logged, StringComparison.Ordinal);
        Assert.Contains("A tip was received", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("Lurah Contoh", logged, StringComparison.Ordinal);
    }

    /// <summary>Everything the process writes to its standard output, as it comes (lock the builder to read it).</summary>
    private static (StringBuilder Output, Task Reading) ReadOutput(System.Diagnostics.Process process)
    {
        var output = new StringBuilder();
        var reading = Task.Run(async () =>
        {
            var buffer = new char[4096];
            int read;
            while ((read = await process.StandardOutput.ReadAsync(buffer)) > 0)
            {
                lock (output)
                {
                    output.Append(buffer, 0, read);
                }
            }
        });
        return (output, reading);
    }
}
