using NetTopologySuite.Geometries;
using OneBlueprint.Engines.Discrepancy.Classification;
using OneBlueprint.Engines.Indexing;

namespace OneBlueprint.Engines.Discrepancy;

/// <summary>
/// One district (行政区) patches are cut by: code XZQDM, name XZQMC, polygonal geometry in the working CRS. Districts
/// are taken in the order given; where two overlap (real boundary data does), the overlap belongs to the first.
/// </summary>
public sealed record District(string Code, string? Name, Geometry Geometry)
{
    /// <summary>Districts from layer features; features without a code or without area are skipped.</summary>
    public static IReadOnlyList<District> FromFeatures(IEnumerable<ControlFeature> features, string codeField = "XZQDM", string nameField = "XZQMC") =>
        features
            .Select(f => (f, Code: ValueText.Of(f.Attributes.GetValueOrDefault(codeField)), Name: ValueText.Of(f.Attributes.GetValueOrDefault(nameField))))
            .Where(x => x.Code is not null && x.f.Geometry is Polygon or MultiPolygon && !x.f.Geometry.IsEmpty)
            .Select(x => new District(x.Code!, x.Name, x.f.Geometry))
            .ToArray();
}
