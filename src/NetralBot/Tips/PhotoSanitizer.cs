using SkiaSharp;

namespace NetralBot.Tips;

/// <summary>
/// Removes what a photo says about who took it (EXIF with GPS and camera serials, XMP, IPTC, ICC, PNG text and GIF
/// comments) by decoding its pixels and encoding them anew, so nothing but pixels survives (SkiaSharp). What is
/// not a JPEG, PNG, WebP or GIF that decodes cleanly is refused, and so is anything whose decoding would cost
/// more than <see cref="MaxPixels"/>: the cost is known from the header before a byte of pixels is allocated.
/// </summary>
/// <remarks>
/// Bounded by construction: only the first frame of an animated file is decoded (a still is evidence enough;
/// a GIF of a 7000×7000 canvas with ten 1×1 frames once cost 2 GB, one frame per canvas), a JPEG over the budget
/// is decoded at a reduced scale (cheap in JPEG), anything else over it is refused, and one file is decoded at a
/// time, so photos arriving together never hold more than one budget of pixels (4 bytes each) at once.
/// </remarks>
public static class PhotoSanitizer
{
    /// <summary>Most pixels decoded for one file: 40 megapixels, 160 MB; a 12 MP phone photo is well within.</summary>
    public const long MaxPixels = 40_000_000;

    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public static byte[] Clean(byte[] content)
    {
        OneAtATime.Wait();
        try
        {
            return Reencode(content);
        }
        catch (UnreadableEvidenceException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A decoder fed hostile bytes may fail in any way; for the sender it is a file we cannot read.
            throw new UnreadableEvidenceException(ex.GetType().Name);
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    private static byte[] Reencode(byte[] content)
    {
        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data) ?? throw new UnreadableEvidenceException("not an image");
        var output = codec.EncodedFormat switch
        {
            SKEncodedImageFormat.Jpeg => SKEncodedImageFormat.Jpeg,
            SKEncodedImageFormat.Png => SKEncodedImageFormat.Png,
            SKEncodedImageFormat.Webp => SKEncodedImageFormat.Webp,
            // Skia writes no GIF; the first frame goes on as a PNG, lossless like the GIF was.
            SKEncodedImageFormat.Gif => SKEncodedImageFormat.Png,
            var other => throw new UnreadableEvidenceException("not a photo format we take: " + other),
        };
        var size = DecodedSize(codec);
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap();
        if (!bitmap.TryAllocPixels(info))
        {
            throw new UnreadableEvidenceException("no memory to decode");
        }
        var result = codec.GetPixels(info, bitmap.GetPixels(), new SKCodecOptions(0));
        if (result != SKCodecResult.Success)
        {
            throw new UnreadableEvidenceException("decoding failed: " + result);
        }
        using var encoded = new MemoryStream();
        if (!bitmap.Encode(encoded, output, 90))
        {
            throw new UnreadableEvidenceException("encoding failed");
        }
        return encoded.ToArray();
    }

    private static SKSizeI DecodedSize(SKCodec codec)
    {
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0)
        {
            throw new UnreadableEvidenceException("no pixels");
        }
        if ((long)width * height <= MaxPixels)
        {
            return new SKSizeI(width, height);
        }
        if (codec.EncodedFormat == SKEncodedImageFormat.Jpeg)
        {
            foreach (var scale in new[] { 0.5f, 0.25f, 0.125f })
            {
                var scaled = codec.GetScaledDimensions(scale);
                if ((long)scaled.Width * scaled.Height <= MaxPixels && scaled.Width > 0 && scaled.Height > 0)
                {
                    return scaled;
                }
            }
        }
        throw new UnreadableEvidenceException("image too large to decode");
    }
}
