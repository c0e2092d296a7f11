using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace NetralBot.Tips;

/// <summary>
/// Removes from a PDF what says who made it or acts when it is opened, then writes the file anew (PDFsharp): the
/// document information, XMP metadata on every object, document-level and action JavaScript, automatic actions
/// (/OpenAction, /AA), actions that reach outside the file (submit a form, launch, open a URL or another file),
/// embedded and attached files, and annotation authors and their dates. Encrypted or unreadable PDFs are refused.
/// </summary>
public static class DocumentSanitizer
{
    // Keys removed from every dictionary, whatever it is: none of them is needed to show the pages.
    private static readonly string[] AnywhereKeys =
    [
        "/Metadata", "/PieceInfo", "/OpenAction", "/AA", "/JS", "/JavaScript", "/EmbeddedFiles", "/EF", "/URI",
    ];

    // What an annotation says about the person who wrote it (/T is the author of a markup annotation).
    private static readonly string[] AnnotationAuthorKeys = ["/T", "/M", "/NM", "/CreationDate", "/RC", "/Popup"];

    // Annotations that carry a file or media, or exist only to act.
    private static readonly HashSet<string> DroppedAnnotations = ["/FileAttachment", "/Sound", "/Movie", "/Screen", "/RichMedia", "/3D"];

    public static byte[] Clean(byte[] content)
    {
        if (PdfNesting.Problem(content) is { } problem)
        {
            throw new UnreadableEvidenceException(problem);
        }
        try
        {
            using var input = new MemoryStream(content, writable: false);
            using var document = PdfReader.Open(input, PdfDocumentOpenMode.Modify);
            document.Info.Elements.Clear();
            foreach (var dictionary in document.Internals.GetAllObjects().OfType<PdfDictionary>())
            {
                Strip(dictionary);
            }
            foreach (var page in document.Pages)
            {
                DropActiveAnnotations(page);
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

    private static void Strip(PdfDictionary dictionary)
    {
        foreach (var key in AnywhereKeys)
        {
            dictionary.Elements.Remove(key);
        }
        // An action that is not navigation inside the file (JavaScript, SubmitForm, Launch, URI, GoToR, ImportData, …).
        if (dictionary.Elements.GetDictionary("/A") is { } action && action.Elements.GetName("/S") is not ("/GoTo" or ""))
        {
            dictionary.Elements.Remove("/A");
        }
        if (dictionary.Elements.GetName("/Type") == "/Annot" || dictionary.Elements.ContainsKey("/Subtype") && dictionary.Elements.ContainsKey("/Rect"))
        {
            foreach (var key in AnnotationAuthorKeys)
            {
                dictionary.Elements.Remove(key);
            }
            dictionary.Elements.Remove("/FS");
        }
        if (dictionary.Elements.GetDictionary("/Names") is { } names)
        {
            names.Elements.Remove("/JavaScript");
            names.Elements.Remove("/EmbeddedFiles");
        }
    }

    private static void DropActiveAnnotations(PdfPage page)
    {
        if (page.Elements.GetArray("/Annots") is not { } annotations)
        {
            return;
        }
        for (var i = annotations.Elements.Count - 1; i >= 0; i--)
        {
            if (annotations.Elements.GetDictionary(i) is { } annotation && DroppedAnnotations.Contains(annotation.Elements.GetName("/Subtype")))
            {
                annotations.Elements.RemoveAt(i);
            }
        }
    }
}
