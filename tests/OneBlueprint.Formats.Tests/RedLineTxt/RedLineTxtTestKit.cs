using System.Diagnostics;
using System.Text;
using NetTopologySuite.Geometries;
using OneBlueprint.Formats.RedLineTxt;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Problems;

namespace OneBlueprint.Formats.Tests.RedLineTxt;

/// <summary>Small helpers shared by the red-line TXT tests.</summary>
internal static class RedLineTxtTestKit
{
    public const string SourceName = "test.txt";

    public static FeatureSet Read(string text, Encoding? encoding = null, RedLineTxtReadOptions? options = null) =>
        ReadBytes((encoding ?? new UTF8Encoding(false)).GetBytes(text), options);

    public static FeatureSet ReadBytes(byte[] bytes, RedLineTxtReadOptions? options = null)
    {
        using var stream = new MemoryStream(bytes);
        return new RedLineTxtFormat(options).Read(stream, SourceName);
    }

    public static InputException ReadFails(string text) => Assert.Throws<InputException>(() => Read(text));

    public static byte[] Write(FeatureSet set, RedLineTxtWriteOptions? options = null)
    {
        using var stream = new MemoryStream();
        new RedLineTxtFormat(writeOptions: options).Write(set, stream);
        return stream.ToArray();
    }

    public static Polygon OnlyPolygon(FeatureSet set) => Assert.IsType<Polygon>(Assert.Single(set.Features).Geometry);

    /// <summary>Asserts two rings hold the same points within a tolerance, in order.</summary>
    public static void SamePoints(IReadOnlyList<Coordinate> expected, IReadOnlyList<Coordinate> actual, double tolerance, double dx = 0)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(Math.Abs(expected[i].X + dx - actual[i].X) <= tolerance && Math.Abs(expected[i].Y - actual[i].Y) <= tolerance,
                $"point {i}: expected ({expected[i].X + dx}, {expected[i].Y}), got ({actual[i].X}, {actual[i].Y})");
        }
    }

    /// <summary>The name PROJ's projinfo gives an EPSG code: an independent check of the SRID arithmetic.</summary>
    public static string ProjName(int srid)
    {
        var info = new ProcessStartInfo("projinfo", $"EPSG:{srid} -o WKT2:2019 -q") { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var start = output.IndexOf('"') + 1;
        return output[start..output.IndexOf('"', start)];
    }
}
