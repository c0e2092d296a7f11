using NetralBot.Tips;

namespace NetralBot.Tests.Hostile;

/// <summary>
/// Seeded, bounded fuzzing of every evidence cleaner (issue 10): a malformed file is either cleaned or refused
/// as unreadable (the friendly reply, the draft intact), never any other exception (the generic apology).
/// </summary>
public class EvidenceFuzzTests
{
    private const int Mutations = 400;

    public static TheoryData<string> Formats => ["jpeg", "png", "webp", "gif", "pdf"];

    private static byte[] Sample(string format) => format switch
    {
        "jpeg" => HostileFiles.Jpeg(),
        "png" => HostileFiles.Png(),
        "webp" => HostileFiles.Webp(),
        "gif" => HostileFiles.SmallGif(),
        "pdf" => HostileFiles.Pdf(),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Issue10_MutatedFiles_AreCleanedOrRefusedAsUnreadable_NeverAnotherException(string format)
    {
        var sample = Sample(format);
        Assert.NotEmpty(EvidenceCleaner.Clean(sample)); // the unmutated sample is accepted
        var random = new Random(20261129 + format.Length * 7919 + format[0]);
        var escaped = new List<string>();
        var refused = 0;
        for (var i = 0; i < Mutations; i++)
        {
            var mutated = Mutate(sample, random);
            try
            {
                EvidenceCleaner.Clean(mutated);
            }
            catch (UnreadableEvidenceException)
            {
                refused++;
            }
            catch (Exception ex)
            {
                escaped.Add($"mutation {i}: {ex.GetType().Name}: {ex.Message}");
            }
        }
        Assert.True(escaped.Count == 0, $"{escaped.Count} of {Mutations} escaped:\n" + string.Join("\n", escaped.Take(10)));
        Assert.True(refused > 0, "the mutations should break some files");
    }

    /// <summary>Bit flips, byte runs, truncation, duplicated and deleted slices: what fuzzers find bugs with.</summary>
    private static byte[] Mutate(byte[] sample, Random random)
    {
        var bytes = sample.ToList();
        var steps = random.Next(1, 5);
        for (var s = 0; s < steps && bytes.Count > 1; s++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2:
                    var run = random.Next(1, 16);
                    var value = random.Next(2) == 0 ? (byte)0xFF : (byte)0x00;
                    for (var k = at; k < Math.Min(bytes.Count, at + run); k++)
                    {
                        bytes[k] = value;
                    }
                    break;
                case 3:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 4:
                    var length = Math.Min(random.Next(1, 64), bytes.Count - at);
                    bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, length));
                    break;
                default:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 32), bytes.Count - at));
                    break;
            }
        }
        return [.. bytes];
    }
}
