using System.Globalization;
using SkiaSharp;

namespace NetralBot.Statistics;

/// <summary>
/// Draws a <see cref="StatisticsReport"/> as one PNG (SkiaSharp, 1200×1200): the title, then its panels two by two:
/// questions per day as columns (the unanswered part red), the rest as ranked horizontal bars with their counts.
/// </summary>
public static class StatisticsPicture
{
    public const int Width = 1200, Height = 1200;
    private const int Header = 56, Gap = 16, LabelWidth = 210;
    private static readonly SKColor Bar = new(40, 110, 180), Part = new(205, 50, 50), Frame = new(220, 220, 220);

    public static byte[] Draw(StatisticsReport report)
    {
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var typeface = Cli.ConfusionPicture.LoadTypeface();
        using var title = new SKFont(typeface, 24);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        canvas.DrawText(report.Title, Gap, 36, SKTextAlign.Left, title, ink);

        var rows = (report.Panels.Count + 1) / 2;
        var width = (Width - (3 * Gap)) / 2f;
        var height = (Height - Header - ((rows + 1) * Gap)) / (float)rows;
        for (var i = 0; i < report.Panels.Count; i++)
        {
            var x = Gap + (i % 2 * (width + Gap));
            var y = Header + Gap + (i / 2 * (height + Gap));
            DrawPanel(canvas, typeface, report.Panels[i], new SKRect(x, y, x + width, y + height), report.NoData);
        }
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static void DrawPanel(SKCanvas canvas, SKTypeface typeface, StatisticsPanel panel, SKRect area, string noData)
    {
        using var heading = new SKFont(typeface, 16) { Embolden = true };
        using var font = new SKFont(typeface, 12);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var frame = new SKPaint { Color = Frame, Style = SKPaintStyle.Stroke };
        canvas.DrawRect(area, frame);
        canvas.DrawText(panel.Title, area.Left + 8, area.Top + 22, SKTextAlign.Left, heading, ink);
        var inner = new SKRect(area.Left + 8, area.Top + 34, area.Right - 8, area.Bottom - 8);
        var max = panel.Bars.Select(b => b.Value).DefaultIfEmpty(0).Max();
        if (max == 0)
        {
            canvas.DrawText(noData, inner.MidX, inner.MidY, SKTextAlign.Center, font, ink);
            return;
        }
        if (panel.Columns)
        {
            DrawColumns(canvas, font, ink, panel.Bars, inner, max);
        }
        else
        {
            DrawRows(canvas, font, ink, panel.Bars, inner, max);
        }
    }

    /// <summary>Columns left to right (days); a label under every column while they fit, else under every n-th.</summary>
    private static void DrawColumns(SKCanvas canvas, SKFont font, SKPaint ink, IReadOnlyList<StatisticsBar> bars, SKRect area, int max)
    {
        using var fill = new SKPaint { Style = SKPaintStyle.Fill, IsAntialias = true };
        var slot = area.Width / bars.Count;
        var plot = area.Height - 34; // room for the count above and the label below
        var every = Math.Max(1, (int)Math.Ceiling(44 / slot));
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var left = area.Left + (i * slot) + (slot * 0.15f);
            var right = area.Left + ((i + 1) * slot) - (slot * 0.15f);
            var bottom = area.Bottom - 18;
            var top = bottom - (plot * bar.Value / max);
            fill.Color = Bar;
            canvas.DrawRect(new SKRect(left, top, right, bottom), fill);
            if (bar.Part > 0)
            {
                fill.Color = Part;
                canvas.DrawRect(new SKRect(left, bottom - (plot * bar.Part / max), right, bottom), fill);
            }
            var centre = (left + right) / 2;
            if (i % every == 0)
            {
                canvas.DrawText(bar.ShortLabel ?? bar.Label, centre, area.Bottom - 4, SKTextAlign.Center, font, ink);
                if (bar.Value > 0)
                {
                    canvas.DrawText(Number(bar.Value), centre, top - 4, SKTextAlign.Center, font, ink);
                }
            }
        }
    }

    /// <summary>Ranked rows: the label on the left (shortened to fit), the bar, the count after it.</summary>
    private static void DrawRows(SKCanvas canvas, SKFont font, SKPaint ink, IReadOnlyList<StatisticsBar> bars, SKRect area, int max)
    {
        using var fill = new SKPaint { Style = SKPaintStyle.Fill, Color = Bar, IsAntialias = true };
        var row = Math.Min(26f, area.Height / bars.Count);
        var length = area.Width - LabelWidth - 50;
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var top = area.Top + (i * row);
            var baseline = top + (row / 2) + 4;
            canvas.DrawText(Fit(bar.Label, font, LabelWidth - 8), area.Left + LabelWidth - 8, baseline, SKTextAlign.Right, font, ink);
            var end = area.Left + LabelWidth + (length * bar.Value / max);
            canvas.DrawRect(new SKRect(area.Left + LabelWidth, top + (row * 0.15f), end, top + (row * 0.85f)), fill);
            canvas.DrawText(Number(bar.Value), end + 6, baseline, SKTextAlign.Left, font, ink);
        }
    }

    private static string Fit(string text, SKFont font, float width)
    {
        if (font.MeasureText(text) <= width)
        {
            return text;
        }
        while (text.Length > 1 && font.MeasureText(text + "…") > width)
        {
            text = text[..^1];
        }
        return text + "…";
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
