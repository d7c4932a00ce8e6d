using System.Globalization;
using NetTopologySuite.Geometries;
using OneBlueprint.DemoCity;
using OneBlueprint.DemoCity.Base;
using OneBlueprint.DemoCity.Synthesis;
using OneBlueprint.Engines.Topology;
using Xunit.Abstractions;

namespace OneBlueprint.Server.Tests.Topology;

/// <summary>
/// The 三线 check on the demo city (demo scale: 20,000 farmland patches, redlines of 20,000 vertices) against PostGIS
/// ST_Area(ST_Intersection(a, b)) over the same three layers: the same pairs, the same areas; and the farmland patches
/// the generator made to conflict on purpose are among them.
/// </summary>
public sealed class ThreeLinesPostGisTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ThreeLines_DemoCity_SamePairsAndAreasAsPostGis()
    {
        var b = DemoCityGenerator.BuildBase(SharedData.Locate(), 2026);
        b.Layers[LayerCodes.Farmland] = Farmland.Build(b.CreateFarmlandLayout(Farmland.DemoTarget), null, CancellationToken.None);
        var codes = new[] { LayerCodes.EcologicalRedlines, LayerCodes.Farmland, LayerCodes.UrbanBoundary };
        var shapes = codes.ToDictionary(c => c, c => (IReadOnlyList<Geometry>)b.Layers[c].Features.Select(f => f.Geometry).ToList());
        TopologyLayer Layer(string code) => new(code, DemoCity.DemoCity.Srid,
            shapes[code].Select((g, i) => new TopologyFeature(i.ToString(CultureInfo.InvariantCulture), b.Layers[code].Features[i].Attributes.GetValueOrDefault("DKBH") as string, g)).ToList());

        var result = TopologyEngine.CheckThreeLines(Layer(codes[0]), Layer(codes[1]), Layer(codes[2]));
        await using var postgis = await PostGisTopology.LoadAsync(shapes, DemoCity.DemoCity.Srid);

        foreach (var (kind, a, bCode) in new[]
                 {
                     (TopologyKinds.RedlineFarmland, codes[0], codes[1]),
                     (TopologyKinds.FarmlandInUrbanBoundary, codes[1], codes[2]),
                     (TopologyKinds.RedlineUrbanBoundary, codes[0], codes[2]),
                 })
        {
            var expected = await postgis.CrossOverlapsAsync(a, bCode);
            var ours = result.OfKind(kind).ToDictionary(f => (int.Parse(f.Features[0].Id), int.Parse(f.Features[1].Id)), f => f.Area!.PlanarM2);
            Assert.Equal(expected.Select(e => (e.A, e.B)).Order(), ours.Keys.Order());
            var worst = 0.0;
            foreach (var (i, j, area) in expected)
            {
                var difference = Math.Abs(ours[(i, j)] - area);
                // Slivers of the 1 mm grid (down to 1e-6 m²) are compared absolutely, the rest at 1e-6 relative.
                Assert.True(difference <= 1e-6 * area + 1e-9, string.Create(CultureInfo.InvariantCulture, $"{kind} {i}–{j}: PostGIS {area:R}, ours {ours[(i, j)]:R}"));
                worst = Math.Max(worst, difference / area);
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{kind}: {expected.Count} pairs, {expected.Sum(e => e.Area):N1} m², {expected.Count(e => e.Area > 1)} over 1 m²; worst relative difference {worst:G3}"));
        }

        // The deliberate conflicts the generator lists are all found (with more than a square metre).
        var farmland = b.Layers[LayerCodes.Farmland];
        foreach (var (kind, layer) in new[] { (TopologyKinds.RedlineFarmland, LayerCodes.EcologicalRedlines), (TopologyKinds.FarmlandInUrbanBoundary, LayerCodes.UrbanBoundary) })
        {
            var listed = farmland.Metadata[$"{Farmland.ConflictMetadataPrefix}{layer}.DKBH"].Split(',');
            var found = result.OfKind(kind).Where(f => f.Area!.PlanarM2 > 1).Select(f => f.Features.Single(r => r.Layer == LayerCodes.Farmland).Name);
            Assert.Equal(listed.Order(), found.Order());
        }
    }
}
