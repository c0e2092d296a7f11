using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace NetralBot.Tips;

/// <summary>
/// Removes what a PDF says about who made it: the document information (author, creator, dates, title, keywords)
/// and every XMP metadata stream (document, pages, images), then writes the file anew (PDFsharp). Encrypted or
/// unreadable PDFs are refused.
/// </summary>
public static class DocumentSanitizer
{
    private const string Metadata = "/Metadata";
    private const string PieceInfo = "/PieceInfo";

    public static byte[] Clean(byte[] content)
    {
        try
        {
            using var input = new MemoryStream(content, writable: false);
            using var document = PdfReader.Open(input, PdfDocumentOpenMode.Modify);
            document.Info.Elements.Clear();
            foreach (var item in document.Internals.GetAllObjects())
            {
                if (item is PdfDictionary dictionary)
                {
                    dictionary.Elements.Remove(Metadata);
                    dictionary.Elements.Remove(PieceInfo);
                }
            }
            using var output = new MemoryStream();
            document.Save(output, closeStream: false);
            return output.ToArray();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // PDFsharp fed hostile bytes fails in any way (even a plain System.Exception); for the sender it is
            // a file we cannot read, never the generic apology.
            throw new UnreadableEvidenceException(ex.GetType().Name);
        }
    }
}
