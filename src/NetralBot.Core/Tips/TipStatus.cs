namespace NetralBot.Core.Tips;

/// <summary>Where a tip stands. Member names are stored: renaming needs a migration.</summary>
public enum TipStatus
{
    Baru,
    Diverifikasi,
    DiteruskanBawaslu,
    DiteruskanBkn,
    DiteruskanInspektorat,
    Ditolak,
    Selesai,
}
