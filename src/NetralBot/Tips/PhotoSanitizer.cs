using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Png;

namespace NetralBot.Tips;

/// <summary>
/// Removes what a photo says about who took it (EXIF with GPS and camera serials, XMP, IPTC, ICC, PNG text and GIF
/// comments) by decoding the image and encoding it again without them (ImageSharp). What is not a readable image
/// is refused, and so are images too large to decode safely.
/// </summary>
public static class PhotoSanitizer
{
    private const long MaxPixels = 50_000_000;

    public static byte[] Clean(byte[] content)
    {
        try
        {
            var info = Image.Identify(content, out var format);
            if (info is null || format is null)
            {
                throw new UnreadableEvidenceException("not an image");
            }
            if ((long)info.Width * info.Height > MaxPixels)
            {
                throw new UnreadableEvidenceException("image too large to decode");
            }
            using var image = Image.Load(content);
            Strip(image);
            using var output = new MemoryStream();
            image.Save(output, Configuration.Default.ImageFormatsManager.FindEncoder(format));
            return output.ToArray();
        }
        catch (Exception ex) when (ex is UnknownImageFormatException or InvalidImageContentException or NotSupportedException or ImageFormatException)
        {
            throw new UnreadableEvidenceException(ex.GetType().Name);
        }
    }

    private static void Strip(Image image)
    {
        image.Metadata.ExifProfile = null;
        image.Metadata.IptcProfile = null;
        image.Metadata.XmpProfile = null;
        image.Metadata.IccProfile = null;
        foreach (var frame in image.Frames)
        {
            frame.Metadata.ExifProfile = null;
            frame.Metadata.IptcProfile = null;
            frame.Metadata.XmpProfile = null;
            frame.Metadata.IccProfile = null;
        }
        image.Metadata.GetFormatMetadata(PngFormat.Instance).TextData.Clear();
        image.Metadata.GetFormatMetadata(GifFormat.Instance).Comments.Clear();
    }
}
