using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Problems;
using OneBlueprint.Storage.Assessment;

namespace OneBlueprint.Server.Assessment;

/// <summary>
/// Reads an uploaded result document: the raw body (any content type — the bytes decide, see
/// <see cref="AssessmentDocuments"/>; ?filename= names it) or the <c>file</c> part of a multipart form. Read into
/// memory up to one byte past <see cref="AssessmentDocuments.MaxBytes"/>, so a too-large document is refused with the
/// limit in the message instead of being read whole.
/// </summary>
public static class DocumentUpload
{
    public static async Task<DocumentDraft> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        string fileName;
        Stream body;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault()
                ?? throw new InputException(InputProblem.Error("assessment.document.no_file", "the form has no file part", null,
                    "Send the document as a form field named 'file' (curl -F file=@report.pdf)."));
            fileName = Path.GetFileName(file.FileName);
            body = file.OpenReadStream();
        }
        else
        {
            fileName = request.Query["filename"].FirstOrDefault() is { Length: > 0 } given ? Path.GetFileName(given) : "document";
            body = request.Body;
        }
        await using (body)
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(chunk, ct)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > AssessmentDocuments.MaxBytes)
                    throw new InputException(InputProblem.Error("assessment.document.too_large",
                        $"document '{fileName}' is larger than the {AssessmentDocuments.MaxBytes / 1024 / 1024} MB a result document may be",
                        new SourceLocation(fileName), "Compress the PDF (scans at 200 dpi are enough), or split it into several documents."), 413);
            }
            return new DocumentDraft(fileName, buffer.ToArray(), new SourceLocation(fileName));
        }
    }
}
