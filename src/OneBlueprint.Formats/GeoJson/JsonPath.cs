using System.Text;

namespace OneBlueprint.Formats.GeoJson;

/// <summary>
/// The JSON path of the value being read (features[3].geometry.coordinates[0][5]), kept as a cheap stack
/// of segments and turned into text only when a problem is reported.
/// </summary>
internal sealed class JsonPath
{
    private readonly List<(string? Name, int Index)> _segments = new();

    public void PushName(string name) => _segments.Add((name, -1));

    public void PushIndex(int index) => _segments.Add((null, index));

    public void SetIndex(int index) => _segments[^1] = (null, index);

    public void Pop() => _segments.RemoveAt(_segments.Count - 1);

    public override string ToString()
    {
        if (_segments.Count == 0) return "the top-level object";
        var text = new StringBuilder();
        foreach (var (name, index) in _segments)
        {
            if (name is null) text.Append('[').Append(index).Append(']');
            else if (IsPlainName(name)) text.Append(text.Length == 0 ? "" : ".").Append(name);
            else text.Append("[\"").Append(name.Replace("\"", "\\\"")).Append("\"]");
        }
        return text.ToString();
    }

    private static bool IsPlainName(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !char.IsAsciiDigit(name[0]);
}
