using SkiaSharp;

namespace NetralBot.Cli;

/// <summary>
/// Draws a confusion matrix as a PNG heat map (SkiaSharp): expected labels down, answered labels across, the
/// diagonal green, mistakes red, darker for more questions, with the count in each non-empty cell.
/// </summary>
public static class ConfusionPicture
{
    private const int Cell = 14;
    private const int Margin = 250;

    public static byte[] Draw(IReadOnlyList<string> labels, IReadOnlyDictionary<(string Expected, string Actual), int> counts)
    {
        var size = Margin + (labels.Count * Cell) + 10;
        var max = Math.Max(1, counts.Values.DefaultIfEmpty(1).Max());
        using var surface = SKSurface.Create(new SKImageInfo(size, size));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var typeface = LoadTypeface();
        using var font = new SKFont(typeface, 10);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var grid = new SKPaint { Color = new SKColor(225, 225, 225), Style = SKPaintStyle.Stroke };
        using var fill = new SKPaint { Style = SKPaintStyle.Fill };

        for (var row = 0; row < labels.Count; row++)
        {
            var y = Margin + (row * Cell);
            canvas.DrawText(labels[row], Margin - 4, y + Cell - 3, SKTextAlign.Right, font, ink);
            for (var column = 0; column < labels.Count; column++)
            {
                var x = Margin + (column * Cell);
                var rect = new SKRect(x, y, x + Cell, y + Cell);
                var count = counts.GetValueOrDefault((labels[row], labels[column]));
                if (count > 0)
                {
                    var strength = (byte)(60 + (195 * count / max));
                    fill.Color = row == column ? new SKColor(30, 140, 60, strength) : new SKColor(200, 40, 40, strength);
                    canvas.DrawRect(rect, fill);
                    canvas.DrawText(count.ToString(System.Globalization.CultureInfo.InvariantCulture), x + (Cell / 2f), y + Cell - 3, SKTextAlign.Center, font, ink);
                }
                canvas.DrawRect(rect, grid);
            }
        }
        for (var column = 0; column < labels.Count; column++)
        {
            // Column labels written upwards above the grid.
            canvas.Save();
            canvas.Translate(Margin + (column * Cell) + Cell - 3, Margin - 4);
            canvas.RotateDegrees(-90);
            canvas.DrawText(labels[column], 0, 0, SKTextAlign.Left, font, ink);
            canvas.Restore();
        }
        canvas.DrawText("answered →", Margin, 14, SKTextAlign.Left, font, ink);
        canvas.DrawText("expected ↓", 4, Margin - 4, SKTextAlign.Left, font, ink);

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>A font file from the system when there is one (the bundled native library has no font lookup).</summary>
    internal static SKTypeface LoadTypeface()
    {
        string[] candidates =
        [
            "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
            "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
            "/usr/share/fonts/TTF/DejaVuSans.ttf",
        ];
        return candidates.Where(File.Exists).Select(SKTypeface.FromFile).FirstOrDefault(t => t is not null) ?? SKTypeface.CreateDefault();
    }
}
