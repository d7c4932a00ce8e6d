using System.Globalization;
using System.Text;

namespace OneBlueprint.Formats.Shapefile.Prj;

/// <summary>
/// A node of a WKT coordinate-system text: KEYWORD[child, child, …] where a child is a quoted string,
/// a number, a bare word (WKT2 enumerations like north) or a node. Parses ESRI WKT, OGC WKT1 and WKT2
/// alike; <see cref="TryParse"/> returns null for anything malformed instead of throwing.
/// </summary>
internal sealed class WktNode
{
    private WktNode(string keyword) => Keyword = keyword;

    public string Keyword { get; }

    public List<object> Children { get; } = new();

    /// <summary>The first child when it is a string: the name of a CRS, datum, parameter…</summary>
    public string? Name => Children.Count > 0 ? Children[0] as string : null;

    public IEnumerable<WktNode> Nodes => Children.OfType<WktNode>();

    public double? Number(int index) => Children.Count > index && Children[index] is double d ? d : null;

    public bool Is(params string[] keywords) => keywords.Any(k => string.Equals(k, Keyword, StringComparison.OrdinalIgnoreCase));

    public WktNode? Child(params string[] keywords) => Nodes.FirstOrDefault(n => n.Is(keywords));

    public IEnumerable<WktNode> Descendants()
    {
        foreach (var node in Nodes)
        {
            yield return node;
            foreach (var inner in node.Descendants()) yield return inner;
        }
    }

    public static WktNode? TryParse(string text)
    {
        var position = 0;
        var node = ParseNode(text, ref position);
        if (node is null) return null;
        SkipSpace(text, ref position);
        return position == text.Length ? node : null;
    }

    private static WktNode? ParseNode(string text, ref int position)
    {
        SkipSpace(text, ref position);
        var word = ReadWord(text, ref position);
        if (word.Length == 0) return null;
        SkipSpace(text, ref position);
        if (position >= text.Length || text[position] is not ('[' or '(')) return null;
        position++;
        var node = new WktNode(word);
        while (true)
        {
            SkipSpace(text, ref position);
            if (position >= text.Length) return null;
            var c = text[position];
            if (c is ']' or ')')
            {
                position++;
                return node;
            }
            if (node.Children.Count > 0)
            {
                if (c != ',') return null;
                position++;
                SkipSpace(text, ref position);
                if (position >= text.Length) return null;
                c = text[position];
            }
            if (c == '"')
            {
                var value = ReadQuoted(text, ref position);
                if (value is null) return null;
                node.Children.Add(value);
            }
            else if (c is '-' or '+' or '.' || char.IsAsciiDigit(c))
            {
                var start = position;
                while (position < text.Length && (char.IsAsciiDigit(text[position]) || text[position] is '-' or '+' or '.' or 'e' or 'E')) position++;
                if (!double.TryParse(text.AsSpan(start, position - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return null;
                node.Children.Add(number);
            }
            else
            {
                var save = position;
                var word2 = ReadWord(text, ref position);
                if (word2.Length == 0) return null;
                SkipSpace(text, ref position);
                if (position < text.Length && text[position] is '[' or '(')
                {
                    position = save;
                    var child = ParseNode(text, ref position);
                    if (child is null) return null;
                    node.Children.Add(child);
                }
                else node.Children.Add(word2);
            }
        }
    }

    private static string ReadWord(string text, ref int position)
    {
        var start = position;
        while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] == '_')) position++;
        return text[start..position];
    }

    private static string? ReadQuoted(string text, ref int position)
    {
        var value = new StringBuilder();
        position++; // opening quote
        while (position < text.Length)
        {
            var c = text[position++];
            if (c != '"')
            {
                value.Append(c);
                continue;
            }
            if (position < text.Length && text[position] == '"') // WKT2 escapes a quote by doubling it
            {
                value.Append('"');
                position++;
                continue;
            }
            return value.ToString();
        }
        return null;
    }

    private static void SkipSpace(string text, ref int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position])) position++;
    }
}
