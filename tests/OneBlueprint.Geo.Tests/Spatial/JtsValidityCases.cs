using System.Xml.Linq;

namespace OneBlueprint.Geo.Tests.Spatial;

/// <summary>The isValid cases of the JTS XML test suite (/work/shared/data/jts-xml/validate; EPL-2.0 / EDL-1.0).</summary>
internal static class JtsValidityCases
{
    public const string Folder = "/work/shared/data/jts-xml/validate";

    public sealed record Case(string File, int Number, string Description, string Wkt, bool Valid)
    {
        public override string ToString() => $"{File} #{Number} ({Description})";
    }

    public static IReadOnlyList<Case> Load()
    {
        var cases = new List<Case>();
        foreach (var path in Directory.GetFiles(Folder, "*.xml").Order())
        {
            var number = 0;
            foreach (var element in XDocument.Load(path).Descendants("case"))
            {
                number++;
                var op = element.Descendants("op").Single(o => (string?)o.Attribute("name") == "isValid");
                cases.Add(new Case(Path.GetFileName(path), number,
                    element.Element("desc")?.Value.Trim() ?? "",
                    element.Element("a")!.Value.Trim(),
                    bool.Parse(op.Value.Trim())));
            }
        }
        return cases;
    }
}
