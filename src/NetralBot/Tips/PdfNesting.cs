using System.IO.Compression;

namespace NetralBot.Tips;

/// <summary>
/// Finds PDFs that would crash the parser before PDFsharp sees them: PDFsharp reads arrays and dictionaries
/// recursively, so a few hundred kilobytes of "[[[[…" overflow the stack and end the process (no exception can be
/// caught). Counts the nesting of [ ] and &lt;&lt; &gt;&gt; outside strings, comments and stream data, and inside
/// Flate streams too (object streams hold objects compressed), with a cap on how much may be inflated.
/// </summary>
internal static class PdfNesting
{
    /// <summary>Deepest nesting allowed; real documents stay under ten.</summary>
    public const int MaxDepth = 256;

    /// <summary>Most bytes all compressed streams may inflate to (a 10 MB file that inflates further is a bomb).</summary>
    public const long MaxInflatedBytes = 100L * 1024 * 1024;

    /// <summary>Why the file is refused, or null when its nesting is harmless.</summary>
    public static string? Problem(byte[] pdf)
    {
        var budget = MaxInflatedBytes;
        return Scan(pdf, followStreams: true, ref budget);
    }

    private static string? Scan(ReadOnlySpan<byte> data, bool followStreams, ref long budget)
    {
        var depth = 0;
        for (var i = 0; i < data.Length; i++)
        {
            switch (data[i])
            {
                case (byte)'%':
                    while (i < data.Length && data[i] is not ((byte)'\n' or (byte)'\r'))
                    {
                        i++;
                    }
                    break;
                case (byte)'(':
                    i = SkipLiteralString(data, i);
                    break;
                case (byte)'<' when i + 1 < data.Length && data[i + 1] == '<':
                case (byte)'[':
                    if (++depth > MaxDepth)
                    {
                        return $"nested more than {MaxDepth} levels deep";
                    }
                    i += data[i] == '<' ? 1 : 0;
                    break;
                case (byte)'<':
                    i = data[i..].IndexOf((byte)'>') is var close and >= 0 ? i + close : data.Length; // a hex string
                    break;
                case (byte)'>' when i + 1 < data.Length && data[i + 1] == '>':
                case (byte)']':
                    depth = Math.Max(0, depth - 1);
                    i += data[i] == '>' ? 1 : 0;
                    break;
                case (byte)'s' when data[i..].StartsWith("stream"u8) && (i == 0 || !char.IsAsciiLetter((char)data[i - 1])):
                    var start = i + "stream".Length;
                    var end = data[start..].IndexOf("endstream"u8);
                    var content = end < 0 ? data[start..] : data[start..(start + end)];
                    if (followStreams && Inflate(content, ref budget) is { } inflated && Scan(inflated, followStreams: false, ref budget) is { } problem)
                    {
                        return problem;
                    }
                    if (budget < 0)
                    {
                        return "its compressed content inflates to more than " + MaxInflatedBytes / 1024 / 1024 + " MB";
                    }
                    i = end < 0 ? data.Length : start + end + "endstream".Length - 1;
                    break;
            }
        }
        return null;
    }

    private static int SkipLiteralString(ReadOnlySpan<byte> data, int open)
    {
        var level = 0;
        for (var i = open; i < data.Length; i++)
        {
            switch (data[i])
            {
                case (byte)'\\':
                    i++;
                    break;
                case (byte)'(':
                    level++;
                    break;
                case (byte)')' when --level == 0:
                    return i;
            }
        }
        return data.Length;
    }

    /// <summary>The stream inflated (Flate, after its end-of-line), or null when it is not zlib data.</summary>
    private static byte[]? Inflate(ReadOnlySpan<byte> content, ref long budget)
    {
        var skip = content.StartsWith("\r\n"u8) ? 2 : content.Length > 0 && content[0] is (byte)'\n' or (byte)'\r' ? 1 : 0;
        var raw = content[skip..];
        if (raw.Length < 2 || raw[0] != 0x78)
        {
            return null;
        }
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(raw.ToArray()), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = zlib.Read(buffer)) > 0)
            {
                budget -= read;
                if (budget < 0)
                {
                    return null;
                }
                output.Write(buffer, 0, read);
            }
            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            return null; // not Flate after all, or cut short: PDFsharp decides
        }
    }
}
