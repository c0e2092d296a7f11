using System.ComponentModel.DataAnnotations;

namespace NetralBot.Hosting;

/// <summary>How anonymous tips are limited and kept.</summary>
public sealed class TipsOptions
{
    public const string SectionName = "Tips";

    /// <summary>How many tips one conversation may send per day (counted in memory only, never stored).</summary>
    [Range(1, 1000, ErrorMessage = "Tips:MaxPerDay must be between 1 and 1000.")]
    public int MaxPerDay { get; set; } = 5;

    /// <summary>Days a closed tip (ditolak/selesai) is kept before it is deleted.</summary>
    [Range(1, 3650, ErrorMessage = "Tips:RetentionDays must be between 1 and 3650.")]
    public int RetentionDays { get; set; } = 180;

    /// <summary>Hours an untouched tip draft is kept before it is deleted.</summary>
    [Range(1, 720, ErrorMessage = "Tips:DraftHours must be between 1 and 720.")]
    public int DraftHours { get; set; } = 24;

    /// <summary>Folder for evidence files (encrypted, owner-only).</summary>
    [Required(ErrorMessage = "Tips:EvidenceFolder is required (e.g. \"data/evidence\").")]
    public string EvidenceFolder { get; set; } = "data/evidence";

    /// <summary>
    /// Where the console writes decrypted exports (/tipexport, /tipfiles in `chat`); empty: netralbot/exports in the
    /// user's data folder (~/.local/share on Linux), outside any repository, owner-only.
    /// </summary>
    public string? ExportFolder { get; set; }

    public string ExportFolderPath => string.IsNullOrWhiteSpace(ExportFolder)
        ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "netralbot", "exports")
        : Path.GetFullPath(ExportFolder);
}
