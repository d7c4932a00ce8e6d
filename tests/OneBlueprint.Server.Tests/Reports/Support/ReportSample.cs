using NetTopologySuite.Geometries;
using OneBlueprint.Engines.Compliance;
using OneBlueprint.Engines.Indexing;
using OneBlueprint.Geo.Spatial;
using OneBlueprint.Server.Reports;

namespace OneBlueprint.Server.Tests.Reports.Support;

/// <summary>
/// A small hand-made blueprint in EPSG:4547 (CGCS2000 GK, CM 114°E; origin near Zhengzhou) whose overlaps are known
/// by hand, checked by the real engine and wrapped into a report model.
/// <code>
///   red line   (100,100)–(350,350) minus the hole (150,250)–(200,300)     = 62,500 − 2,500 = 60,000 m²
///   STBHHX     201: a polygon whose only part in the red line is (300,300)–(350,350)    → overlap 2,500 m²
///   YJJBNTBHTB 101: (0,0)–(200,200), KCXS 0.05                            → overlap 10,000, net 9,500
///              102: (250,0)–(400,150), no KCXS                            → overlap  5,000, net 5,000
///              103: (440,0)–(600,90)                                      → no overlap (partly out of the map frame)
///   CZKFBJ     301: (−600,−600)–(320,900)                                 → inside 52,500, outside (320..350)×(100..350) = 7,500
///   LX         401: (−80,372)–(280,398)                                   → no overlap
/// </code>
/// Coordinates above are relative to (<see cref="X0"/>, <see cref="Y0"/>). With category 交通 (transport): STBHHX
/// conflict, farmland needs approval (a major-project class), the urban boundary needs approval (not an urban
/// project), LX passes; overall conflict.
/// </summary>
public static class ReportSample
{
    public const int Srid = 4547;
    public const double X0 = 500_000;
    public const double Y0 = 3_840_000;

    public const string MaliciousName = "<script>alert('x')</script>郑州 & Co \"东区\" 物流园";
    public const string MaliciousCaller = "<img src=x onerror=alert(1)>";

    public static readonly GeometryFactory Factory = GeometryKit.Factory(Srid);

    public static Polygon Rect(double x1, double y1, double x2, double y2) => Factory.CreatePolygon(Ring(x1, y1, x2, y2));

    public static Polygon RedLine() => Factory.CreatePolygon(Ring(100, 100, 350, 350), [Ring(150, 250, 200, 300)]);

    public static Polygon Ecological() => Factory.CreatePolygon(Coordinates(
        (300, 300), (420, 300), (560, 260), (640, 420), (600, 600), (420, 660), (300, 560), (300, 300)));

    public static ComplianceReportModel Model(bool includeGeometry = true, Geometry? redLine = null, IEnumerable<ControlFeature>? extraEcological = null)
    {
        var red = redLine ?? RedLine();
        var ecological = new List<ControlFeature> { new(201, Ecological(), Attrs(("BHHXBH", "STHX-410100-07"), ("MC", "贾鲁河生态保护红线"))) };
        if (extraEcological is not null) ecological.AddRange(extraEcological);
        var farmland = new[]
        {
            new ControlFeature(101, Rect(0, 0, 200, 200), Attrs(("DKBH", "JBNT-001"), ("DLMC", "水田"), ("KCXS", 0.05))),
            new ControlFeature(102, Rect(250, 0, 400, 150), Attrs(("DKBH", "<b>JBNT-002</b>"), ("DLMC", "旱地"))),
            new ControlFeature(103, Rect(440, 0, 600, 90), Attrs(("DKBH", "JBNT-003"), ("DLMC", "水浇地"))),
        };
        var urban = new[] { new ControlFeature(301, Rect(-600, -600, 320, 900), Attrs(("MC", "中心城区城镇开发边界"))) };
        var water = new[] { new ControlFeature(401, Rect(-80, 372, 280, 398), Attrs(("MC", "贾鲁河"))) };
        var layers = new[]
        {
            ControlLayerIndex.Build("STBHHX", 11, Srid, ecological),
            ControlLayerIndex.Build("YJJBNTBHTB", 12, Srid, farmland),
            ControlLayerIndex.Build("CZKFBJ", 13, Srid, urban),
            ControlLayerIndex.Build("LX", 14, Srid, water),
        };
        var result = ComplianceEngine.Default.Check(
            Engines.Compliance.RedLine.Create(red, Srid),
            new ComplianceRequest { ProjectCode = "2025-410100-48-01-000123", ProjectCategory = "交通", IncludeGeometry = includeGeometry },
            new BlueprintSnapshot(layers));

        return new ComplianceReportModel
        {
            CheckId = "CHK-000042",
            CreatedAt = new DateTimeOffset(2025, 6, 1, 2, 3, 4, TimeSpan.Zero),
            CreatedBy = MaliciousCaller,
            ProjectCode = "2025-410100-48-01-000123",
            ProjectName = MaliciousName,
            ProjectCategory = "交通",
            Result = result,
            RedLine = red,
            Srid = Srid,
            MapLayers =
            [
                MapLayer("CZKFBJ", "城镇开发边界", new LayerStyle("#ff9800", "#e65100", 0.08, 2.0, [8, 4]), urban, "MC"),
                MapLayer("YJJBNTBHTB", "永久基本农田", new LayerStyle("#f2e76b", "#b59f00", 0.45, 0.8), farmland, "DKBH"),
                MapLayer("STBHHX", "生态保护红线", new LayerStyle("#2e7d32", "#c62828", 0.35, 1.5), ecological, "MC"),
                MapLayer("LX", "城市蓝线", new LayerStyle("#1e88e5", "#0d47a1", 0.30, 1.2), water, "MC"),
            ],
            LayerVersions =
            [
                new ReportLayerVersion("STBHHX", 11, 3, new DateOnly(2024, 12, 31), new DateTimeOffset(2025, 1, 2, 1, 30, 0, TimeSpan.Zero)),
                new ReportLayerVersion("YJJBNTBHTB", 12, 7, new DateOnly(2025, 3, 1), new DateTimeOffset(2025, 3, 5, 20, 15, 0, TimeSpan.Zero)),
                new ReportLayerVersion("CZKFBJ", 13, 1, null, new DateTimeOffset(2024, 11, 20, 8, 0, 0, TimeSpan.FromHours(8))),
                new ReportLayerVersion("LX", 14, 2, new DateOnly(2023, 7, 1), new DateTimeOffset(2023, 7, 3, 9, 0, 0, TimeSpan.FromHours(8))),
            ],
            RulesSetId = "default-rules.json",
            Notes = ["申报面积 6.0100 公顷与计算面积相差 0.17%（declared area differs）"],
            GeneratedAt = new DateTimeOffset(2025, 6, 1, 2, 5, 0, TimeSpan.Zero),
        };
    }

    private static ReportMapLayer MapLayer(string code, string name, LayerStyle style, IEnumerable<ControlFeature> features, string labelKey) =>
        new(code, name, style, features.Select(f => new ReportMapFeature(f.Id, f.Geometry, f.Attributes.GetValueOrDefault(labelKey)?.ToString())).ToArray());

    private static IReadOnlyDictionary<string, object?> Attrs(params (string Key, object? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);

    private static LinearRing Ring(double x1, double y1, double x2, double y2) =>
        Factory.CreateLinearRing(Coordinates((x1, y1), (x2, y1), (x2, y2), (x1, y2), (x1, y1)));

    private static Coordinate[] Coordinates(params (double X, double Y)[] points) =>
        points.Select(p => new Coordinate(X0 + p.X, Y0 + p.Y)).ToArray();
}
