using System.Text;

namespace OneBlueprint.Server.Reports;

/// <summary>
/// Escaping for text put into HTML and SVG (element content and double- or single-quoted attributes). Everything a
/// report prints that did not come from a constant goes through here: project names, attribute values and notes
/// are user input.
/// </summary>
internal static class Html
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var replacement = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                // Control characters have no business in a report and some are invalid in XML (inline SVG).
                < ' ' when c is not ('\n' or '\r' or '\t') => "\uFFFD",
                _ => null,
            };
            if (replacement is null)
            {
                sb?.Append(c);
                continue;
            }
            sb ??= new StringBuilder(text.Length + 16).Append(text, 0, i);
            sb.Append(replacement);
        }
        return sb?.ToString() ?? text;
    }
}
