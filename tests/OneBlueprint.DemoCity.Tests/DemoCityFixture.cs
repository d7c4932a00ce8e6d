using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using OneBlueprint.Geo.Features;

namespace OneBlueprint.DemoCity.Tests;

/// <summary>One demo-scale city (seed 2026) shared by the tests of a run: generating it takes seconds.</summary>
public sealed class DemoCityFixture
{
    public const int Seed = 2026;

    public DemoCityFixture() => City = DemoCityGenerator.Generate(DemoScale.Demo, Seed);

    public DemoCity City { get; }

    public FeatureSet Layer(string code) => City.Layers[code];

    public IEnumerable<Geometry> Geometries(string code) => City.Layers[code].Features.Select(f => f.Geometry);

    /// <summary>SHA-256 over every layer's features (id, WKB, attributes) and every project's red line, in order.</summary>
    public static string Fingerprint(IReadOnlyDictionary<string, FeatureSet> layers, IEnumerable<DemoProject> projects)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var wkb = new WKBWriter();
        void Add(string s) => sha.AppendData(Encoding.UTF8.GetBytes(s + "\n"));
        void AddSet(FeatureSet set)
        {
            Add($"{set.Name}|{set.Srid}|{set.Features.Count}");
            foreach (var (k, v) in set.Metadata) Add($"{k}={v}");
            foreach (var f in set.Features)
            {
                Add(f.Id ?? "");
                sha.AppendData(wkb.Write(f.Geometry));
                foreach (var (k, v) in f.Attributes) Add($"{k}={Convert.ToString(v, CultureInfo.InvariantCulture)}");
            }
        }
        foreach (var (code, set) in layers) { Add(code); AddSet(set); }
        foreach (var p in projects) { Add($"{p.Code}|{p.Name}|{p.Category}|{p.Scenario}"); AddSet(p.RedLine); }
        return Convert.ToHexString(sha.GetHashAndReset());
    }
}

[CollectionDefinition(Name)]
public sealed class DemoCityCollection : ICollectionFixture<DemoCityFixture>
{
    public const string Name = "demo city";
}
