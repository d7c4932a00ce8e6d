using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Problems;

namespace OneBlueprint.Geo.Features;

public static class FeatureSetReprojection
{
    /// <summary>
    /// A copy of the set in another CRS (the same set when it is already there). Attributes, ids and
    /// source locations are shared, geometries are new.
    /// </summary>
    public static FeatureSet ReprojectTo(this FeatureSet source, int targetSrid)
    {
        if (source.Srid == targetSrid) return source;
        if (source.Srid is not { } from)
            throw new InputException(InputProblem.Error("crs.unknown",
                $"the coordinate system of '{source.Name ?? "the input"}' is not declared", null,
                "Say which EPSG code the coordinates are in (--crs EPSG:N on the CLI, crs=EPSG:N over HTTP)."), 422);
        var copy = new FeatureSet { Srid = targetSrid, Name = source.Name };
        foreach (var (k, v) in source.Metadata) copy.Metadata[k] = v;
        copy.Warnings.AddRange(source.Warnings);
        foreach (var f in source.Features)
        {
            var g = new GeoFeature(Reprojector.Transform(f.Geometry, from, targetSrid)) { Id = f.Id, Source = f.Source };
            foreach (var (k, v) in f.Attributes) g.Attributes[k] = v;
            copy.Features.Add(g);
        }
        return copy;
    }
}
