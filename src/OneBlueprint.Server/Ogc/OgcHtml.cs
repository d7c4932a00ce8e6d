using System.Globalization;
using System.Text;
using OneBlueprint.Geo.Features;
using OneBlueprint.Server.Reports;

namespace OneBlueprint.Server.Ogc;

/// <summary>
/// Plain, readable HTML for every OGC resource (landing page, conformance, collections, one collection, items as a
/// table of attributes, one item). Every value that comes from data goes through <see cref="Html.Escape"/>.
/// </summary>
public static class OgcHtml
{
    public static string Landing(string title, string description, IEnumerable<OgcLink> links) =>
        Page(title, $"<p>{E(description)}</p>{LinkList(links)}");

    public static string Conformance(IEnumerable<OgcLink> links) =>
        Page("符合性 Conformance", "<ul>" + string.Concat(OgcConformance.Classes.Select(c => $"<li>{E(c)}</li>")) + "</ul>" + LinkList(links));

    public static string Collections(IEnumerable<CollectionView> collections, IEnumerable<OgcLink> links)
    {
        var rows = collections.Select(c =>
            $"<tr><td><a href=\"{E(Find(c.Links, "self").Href)}\">{E(c.Collection.Id)}</a></td><td>{E(c.Collection.Title)}</td><td>{E(c.Collection.Description)}</td>" +
            $"<td>{E(Box(c.Crs84Bbox))}</td><td><a href=\"{E(Find(c.Links, "items", OgcLinks.Html).Href)}\">要素 items</a></td></tr>");
        return Page("图层集合 Collections", LinkList(links) +
            "<table><thead><tr><th>id</th><th>名称</th><th>说明</th><th>范围 (CRS84)</th><th></th></tr></thead><tbody>" + string.Concat(rows) + "</tbody></table>");
    }

    public static string Collection(CollectionView c) =>
        Page(c.Collection.Title,
            $"<p><b>id</b> {E(c.Collection.Id)}</p><p>{E(c.Collection.Description)}</p>" +
            $"<p><b>范围 extent (CRS84)</b> {E(Box(c.Crs84Bbox))}</p><p><b>storageCrs</b> {E(c.StorageCrs)}</p>" +
            LinkList(c.Links) +
            "<details><summary>crs</summary><ul>" + string.Concat(OgcCrs.Supported.Select(s => $"<li>{E(s.Uri)}</li>")) + "</ul></details>");

    public static string Items(ItemsView page)
    {
        var columns = page.Features.SelectMany(f => f.Attributes.Keys).Distinct().ToList();
        var selfHtml = Find(page.Collection.Links, "items", OgcLinks.Html).Href;
        var head = "<tr><th>id</th>" + string.Concat(columns.Select(c => $"<th>{E(c)}</th>")) + "<th>几何 geometry</th></tr>";
        var rows = page.Features.Select(f =>
            $"<tr><td><a href=\"{E(ItemHref(selfHtml, f.Id))}\">{E(f.Id)}</a></td>" +
            string.Concat(columns.Select(c => $"<td>{E(Value(f.Attributes.GetValueOrDefault(c)))}</td>")) +
            $"<td>{E(f.Geometry.GeometryType)}, {f.Geometry.NumPoints.ToString(CultureInfo.InvariantCulture)} 点</td></tr>");
        var nav = string.Join(" · ", page.Links.Where(l => l.Type == OgcLinks.Html && l.Rel is "prev" or "next" or "collection")
            .Select(l => $"<a rel=\"{E(l.Rel)}\" href=\"{E(l.Href)}\">{E(l.Title)}</a>"));
        var summary = $"<p>numberMatched {page.NumberMatched}, numberReturned {page.Features.Count}, offset {page.Offset}, crs {E(page.Crs.Uri)}, " +
                      $"timeStamp {page.TimeStamp:yyyy-MM-dd'T'HH:mm:ss'Z'}</p>";
        return Page($"{page.Collection.Collection.Title} — 要素 items", summary + $"<p>{nav}</p>" +
            $"<table><thead>{head}</thead><tbody>{string.Concat(rows)}</tbody></table>" + LinkList(page.Links.Where(l => l.Rel is "self" or "alternate")));
    }

    public static string Item(ItemView item)
    {
        var rows = item.Feature.Attributes.Select(a => $"<tr><th>{E(a.Key)}</th><td>{E(Value(a.Value))}</td></tr>");
        var wkt = item.Feature.Geometry.ToText();
        return Page($"{item.Collection.Collection.Title} — {item.Feature.Id}",
            $"<table><tbody><tr><th>id</th><td>{E(item.Feature.Id)}</td></tr>{string.Concat(rows)}</tbody></table>" +
            $"<p><b>几何 geometry</b> ({E(item.Crs.Uri)}, axis order of that CRS)</p><pre>{E(wkt.Length > 20_000 ? wkt[..20_000] + " …" : wkt)}</pre>" +
            LinkList(item.Links));
    }

    private static string ItemHref(string itemsHref, string? id)
    {
        var path = itemsHref.Split('?')[0];
        return $"{path}/{Uri.EscapeDataString(id ?? "")}?f=html";
    }

    private static OgcLink Find(IEnumerable<OgcLink> links, string rel, string? type = null) =>
        links.First(l => l.Rel == rel && (type is null || l.Type == type));

    private static string LinkList(IEnumerable<OgcLink> links) =>
        "<ul class=\"links\">" + string.Concat(links.Select(l => $"<li><a rel=\"{E(l.Rel)}\" type=\"{E(l.Type)}\" href=\"{E(l.Href)}\">{E(l.Title)}</a> <small>{E(l.Rel)} · {E(l.Type)}</small></li>")) + "</ul>";

    private static string Box(double[]? b) => b is null ? "—" : string.Join(", ", b.Select(v => v.ToString("0.######", CultureInfo.InvariantCulture)));

    private static string Value(object? v) => v switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    private static string E(string? s) => Html.Escape(s);

    private static string Page(string title, string body)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        sb.Append("<title>").Append(E(title)).Append(" · 一张蓝图 OGC API</title><style>");
        sb.Append("body{font-family:'Noto Sans CJK SC',sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;margin:.5em 0}");
        sb.Append("td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}th{background:#f3f3f3}small{color:#777}pre{white-space:pre-wrap;word-break:break-all}");
        sb.Append("</style></head><body><nav><a href=\"/ogc?f=html\">一张蓝图 OGC API</a> › <a href=\"/ogc/collections?f=html\">集合 collections</a></nav>");
        sb.Append("<h1>").Append(E(title)).Append("</h1>").Append(body).Append("</body></html>");
        return sb.ToString();
    }
}
