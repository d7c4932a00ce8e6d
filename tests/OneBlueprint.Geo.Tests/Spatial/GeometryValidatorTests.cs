using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Problems;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Geo.Tests.Spatial;

public class GeometryValidatorTests
{
    private static readonly WKTReader Reader = new(GeometryKit.Services);

    private static IEnumerable<InputProblem> Errors(IEnumerable<InputProblem> problems) => problems.Where(p => p.Severity == ProblemSeverity.Error);

    [Fact]
    public void Check_JtsSuite_ReportsErrorsExactlyForInvalidCases()
    {
        var cases = JtsValidityCases.Load();
        Assert.True(cases.Count > 800, $"only {cases.Count} cases read");
        Assert.Contains(cases, c => !c.Valid);
        var failures = new List<string>();
        foreach (var c in cases)
        {
            Geometry geometry;
            try
            {
                geometry = Reader.Read(c.Wkt);
            }
            catch (Exception e)
            {
                failures.Add($"{c}: WKT not readable ({e.Message})");
                continue;
            }
            var errors = Errors(GeometryValidator.Check(geometry, new SourceLocation(c.File, Record: c.Number))).ToList();
            if (c.Valid && errors.Count > 0) failures.Add($"{c}: expected valid, got {errors[0]}");
            if (!c.Valid && errors.Count == 0) failures.Add($"{c}: expected invalid, got no error");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} cases:\n" + string.Join("\n", failures.Take(30)));
    }

    [Fact]
    public void Check_InvalidJtsCases_CarryTheirCoordinateAndAFix()
    {
        foreach (var c in JtsValidityCases.Load().Where(c => !c.Valid))
        {
            foreach (var problem in Errors(GeometryValidator.Check(Reader.Read(c.Wkt), new SourceLocation(c.File, Record: c.Number))))
            {
                Assert.Equal(c.File, problem.Where!.File);
                Assert.Equal(c.Number, problem.Where.Record);
                Assert.False(string.IsNullOrWhiteSpace(problem.HowToFix));
                Assert.StartsWith("geometry.", problem.Code);
                if (problem.Code != "geometry.invalid_coordinate")
                    Assert.True(problem.Where.X is not null && problem.Where.Y is not null, $"{c}: {problem} has no coordinate");
            }
        }
    }

    [Fact]
    public void Check_BowTie_ReportsSelfIntersectionAtTheCrossing()
    {
        var problems = GeometryValidator.Check(Reader.Read("POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))"), new SourceLocation("a.txt", Line: 12));
        var problem = Assert.Single(problems);
        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.Equal("geometry.self_intersection", problem.Code);
        Assert.Equal(5.0, problem.Where!.X);
        Assert.Equal(5.0, problem.Where.Y);
        Assert.Equal(12, problem.Where.Line);
    }

    [Fact]
    public void Check_HoleOutsideShell_IsNamed()
    {
        var problem = Assert.Single(GeometryValidator.Check(
            Reader.Read("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (20 20, 22 20, 22 22, 20 20))"), null));
        Assert.Equal("geometry.hole_outside_shell", problem.Code);
        Assert.NotNull(problem.Where?.X);
    }

    [Fact]
    public void Check_NestedShells_AreReportedForTheWhole()
    {
        var problem = Assert.Single(GeometryValidator.Check(
            Reader.Read("MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0)), ((2 2, 4 2, 4 4, 2 2)))"), null));
        Assert.Equal("geometry.nested_shells", problem.Code);
    }

    [Fact]
    public void Check_EachBrokenPartIsReported()
    {
        var problems = GeometryValidator.Check(Reader.Read(
            "MULTIPOLYGON (((0 0, 10 10, 10 0, 0 10, 0 0)), ((20 0, 30 0, 30 10, 20 10, 20 0)), ((40 0, 50 10, 50 0, 40 10, 40 0)))"), null);
        Assert.Equal(2, problems.Count);
        Assert.Contains("part 1 of 3", problems[0].What);
        Assert.Contains("part 3 of 3", problems[1].What);
        Assert.Equal(45.0, problems[1].Where!.X);
    }

    [Fact]
    public void Check_NaNCoordinate_IsAnError()
    {
        var factory = GeometryKit.Factory(4547);
        var polygon = factory.CreatePolygon([new(0, 0), new(10, 0), new(double.NaN, 10), new(0, 10), new(0, 0)]);
        var problem = Assert.Single(GeometryValidator.Check(polygon, new SourceLocation("b.shp", Record: 3)));
        Assert.Equal("geometry.invalid_coordinate", problem.Code);
        Assert.Equal(3, problem.Where!.Record);
    }

    [Fact]
    public void Check_EmptyGeometry_IsAWarningOnly()
    {
        var problem = Assert.Single(GeometryValidator.Check(Reader.Read("POLYGON EMPTY"), new SourceLocation("c.json")));
        Assert.Equal(ProblemSeverity.Warning, problem.Severity);
        Assert.Equal("geometry.empty", problem.Code);
    }

    [Fact]
    public void Check_ValidPolygonWithHole_HasNoProblems() =>
        Assert.Empty(GeometryValidator.Check(Reader.Read("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 4 2, 4 4, 2 2))"), null));

    [Fact]
    public void Repair_InvalidJtsPolygons_GivesValidPolygonalResults()
    {
        var polygonal = JtsValidityCases.Load().Where(c => !c.Valid).Select(c => Reader.Read(c.Wkt)).Where(g => g is IPolygonal).ToList();
        Assert.NotEmpty(polygonal);
        foreach (var g in polygonal)
        {
            var repaired = GeometryValidator.Repair(g);
            Assert.True(repaired is Polygon or MultiPolygon, $"{g} → {repaired.GeometryType}");
            Assert.True(repaired.IsValid, $"{g} → {repaired}");
        }
    }

    [Fact]
    public void Repair_BowTie_KeepsBothTrianglesAndTheSrid()
    {
        var factory = GeometryKit.Factory(4547);
        var bowTie = new WKTReader(GeometryKit.Services).Read("POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))");
        bowTie = factory.CreateGeometry(bowTie);
        var repaired = GeometryValidator.Repair(bowTie);
        Assert.IsType<MultiPolygon>(repaired);
        Assert.Equal(50.0, repaired.Area, 9);
        Assert.Equal(4547, repaired.SRID);
    }

    [Fact]
    public void Repair_CollapsedPolygon_GivesEmptyPolygonalResult()
    {
        var repaired = GeometryValidator.Repair(Reader.Read("POLYGON ((0 0, 10 0, 20 0, 0 0))"));
        Assert.True(repaired.IsEmpty);
        Assert.True(repaired is Polygon or MultiPolygon);
    }
}
