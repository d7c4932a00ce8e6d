using OneBlueprint.Engines.Assessment.Catalogue;
using OneBlueprint.Engines.Assessment.Statistics;
using OneBlueprint.Engines.Tests.Support;
using static OneBlueprint.Engines.Tests.Assessment.AssessmentAreas;

namespace OneBlueprint.Engines.Tests.Assessment;

/// <summary>Statistics over rectangles whose areas are known by arithmetic (the demo city is checked against PostGIS in Server.Tests).</summary>
public sealed class StatisticsTests
{
    private static readonly DateOnly Day = new(2026, 11, 24);

    [Fact]
    public void Compute_OverlappingAreasCountOnce_PerDistrictItemBoundaryAndZone()
    {
        // two 1 km × 1 km areas overlapping on 0.5 km²; districts split the plane at x = 1000
        var a = Area("QY01", Shapes.Rect(0, 0, 1000, 1000), Item("DZZH", "2024-01-01", null), Item("HJYX", "2019-01-01", "2025-06-30"));
        var b = Area("QY02", Shapes.Rect(500, 0, 1000, 1000), Item("DZZH", "2024-01-01", "2027-01-31"));
        var districts = new[]
        {
            new NamedRegion("410101", "西区", Shapes.Rect(-5000, -5000, 6000, 10000)),
            new NamedRegion("410102", "东区", Shapes.Rect(1000, -5000, 6000, 10000)),
        };
        var zones = new[] { new NamedRegion("KFQ1", "开发区", Shapes.Rect(0, 500, 2000, 1000)) };
        var stats = AssessmentStatistics.Compute([a, b], AssessmentItemCatalogue.Default, districts, [Shapes.Rect(-1000, -1000, 2000, 4000)], zones, Day, Shapes.Srid);

        Assert.Equal(1.5, stats.AssessedKm2, 9);
        Assert.Equal(1.0, stats.ByDistrict[0].AssessedKm2, 9);
        Assert.Equal(0.5, stats.ByDistrict[1].AssessedKm2, 9);
        Assert.Equal(1.5, stats.ByItem.Single(i => i.ItemCode == "DZZH").Km2, 9);
        Assert.Equal(0, stats.ByItem.Single(i => i.ItemCode == "HJYX").Km2, 9); // expired on the day
        Assert.Equal(0.5, stats.ByDistrict[1].ByItem.Single(i => i.ItemCode == "DZZH").Km2, 9);
        Assert.Equal(8.0, stats.UrbanBoundary.Km2, 9);
        Assert.Equal(1.5 - 0.5, stats.UrbanBoundary.AssessedKm2, 9); // the boundary ends at x = 1000
        Assert.Equal(0.75, stats.Zones[0].AssessedKm2, 9); // y 500–1000 of x 0–1500
        Assert.Equal(0.375, stats.DevelopmentZones.Share, 9);
        var expiring = Assert.Single(stats.Expiring);
        Assert.Equal("QY02", expiring.Area.UnitCode);
        Assert.Equal(68, expiring.DaysLeft); // 2026-11-24 → 2027-01-31
    }
}
