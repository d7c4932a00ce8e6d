using NetTopologySuite.Geometries;
using Npgsql;
using OneBlueprint.Cli.Bench;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Geometries;

namespace OneBlueprint.Server.Tests.Bench;

public sealed class RedLineGeneratorTests
{
    private static RedLineGenerator Generator(int seed) =>
        new(new RedLinePlaces([SyntheticBlueprint.District], [SyntheticBlueprint.Ecological], [SyntheticBlueprint.UrbanBoundary]),
            SyntheticBlueprint.Factory, seed);

    [Fact]
    public void Generate_SameSeed_SameRedLines_WhateverTheCount()
    {
        var a = Generator(7).Generate(30);
        var b = Generator(7).Generate(45);
        for (var i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].Class, b[i].Class);
            Assert.True(a[i].Geometry.EqualsExact(b[i].Geometry), $"red line {i} differs between two runs with the same seed");
        }
        var other = Generator(8).Generate(30);
        Assert.Contains(Enumerable.Range(0, 30), i => !a[i].Geometry.EqualsExact(other[i].Geometry));
    }

    [Fact]
    public void Generate_ClassesInterleaved_AndMixOfShapes()
    {
        var lines = Generator(2026).Generate(90);
        Assert.All(lines, r => Assert.Equal((RedLineClass)(r.Index % 3), r.Class));
        Assert.Contains(lines, r => r.Parcels > 1);
        Assert.Contains(lines, r => r.Holes > 0);
        Assert.Contains(lines, r => r.Vertices < 100);
        Assert.Contains(lines, r => r.Vertices > 400);
    }

    /// <summary>PostGIS, not NTS, judges validity, size, and the class placement.</summary>
    [Fact]
    public async Task Generate_RedLines_ValidSizedAndPlaced_AsPostGisSeesThem()
    {
        var lines = Generator(2026).Generate(60);
        await using var scratch = await ScratchDatabase.CreateAsync();
        await using var conn = await scratch.Database.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT ST_IsValid(r), ST_NPoints(r), ST_Area(r), ST_NumGeometries(r),
                   ST_CoveredBy(r, e), ST_Area(ST_Intersection(r, u)) / ST_Area(r)
            FROM (SELECT ST_GeomFromEWKB($1) AS r, ST_GeomFromEWKB($2) AS e, ST_GeomFromEWKB($3) AS u) g
            """, conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = Array.Empty<byte>() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = GeometryCodec.ToEwkb(SyntheticBlueprint.Ecological) });
        cmd.Parameters.Add(new NpgsqlParameter { Value = GeometryCodec.ToEwkb(SyntheticBlueprint.UrbanBoundary) });
        foreach (var line in lines)
        {
            cmd.Parameters[0].Value = GeometryCodec.ToEwkb(line.Geometry);
            await using var r = await cmd.ExecuteReaderAsync();
            Assert.True(await r.ReadAsync());
            var what = $"red line {line.Index} ({line.Class})";
            Assert.True(r.GetBoolean(0), $"{what} is invalid for PostGIS");
            var points = r.GetInt32(1);
            Assert.InRange(points, RedLineGenerator.MinVertices, RedLineGenerator.MaxVertices);
            Assert.Equal(line.Vertices, points);
            Assert.InRange(r.GetDouble(2), 0.999 * 10_000, 100.001 * 10_000);
            Assert.Equal(line.Parcels, r.GetInt32(3));
            Assert.True(line.AsIntended, $"{what} could not be placed as its class asks");
            if (line.Class == RedLineClass.InsideEcological) Assert.True(r.GetBoolean(4), $"{what} is not inside the ecological redline");
            if (line.Class == RedLineClass.StraddlingUrbanBoundary) Assert.InRange(r.GetDouble(5), 0.05, 0.95);
        }
    }

    [Fact]
    public void Generate_Coordinates_AreWholeMillimetres()
    {
        foreach (var line in Generator(3).Generate(12))
        foreach (var c in line.Geometry.Coordinates)
        {
            Assert.Equal(Math.Round(c.X, 3), c.X);
            Assert.Equal(Math.Round(c.Y, 3), c.Y);
        }
    }
}
