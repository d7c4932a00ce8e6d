using System.Globalization;
using NetTopologySuite.Geometries;
using OneBlueprint.Engines.Compliance.Overlap;
using OneBlueprint.Engines.Compliance.Results;
using OneBlueprint.Engines.Compliance.Rules;
using OneBlueprint.Engines.Indexing;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Engines.Compliance;

/// <summary>
/// Compliance review (合规性审查): a red line against every control layer of one blueprint snapshot.
/// <para>
/// Per layer: the overlapped features and their overlap areas (<see cref="LayerOverlapAnalyzer"/>), then the
/// verdict from the rules: no overlap → pass; every overlap within the tolerance → pass as edge contact; otherwise
/// the first layer rule that applies to the project category. For "outside" layers (城镇开发边界) the part of the
/// red line outside the features is judged instead. The overall verdict is the worst layer verdict.
/// </para>
/// <para>
/// Stateless apart from its rules and options, thread-safe, and deterministic: one snapshot is read throughout a
/// check, features are summed in id order, layers reported in rule order.
/// </para>
/// </summary>
public sealed class ComplianceEngine(ComplianceRules rules, ComplianceOptions? options = null)
{
    public static ComplianceEngine Default { get; } = new(ComplianceRules.Default);

    public ComplianceRules Rules { get; } = rules ?? throw new ArgumentNullException(nameof(rules));

    public ComplianceOptions Options { get; } = options ?? ComplianceOptions.Default;

    /// <summary>Checks against the cache's current snapshot, read once.</summary>
    public ComplianceResult Check(RedLine redLine, ComplianceRequest request, BlueprintCache cache) =>
        Check(redLine, request, cache.Current);

    public ComplianceResult Check(RedLine redLine, ComplianceRequest request, BlueprintSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(redLine);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Srid is { } srid && srid != redLine.Srid)
            throw new ArgumentException($"the red line is in EPSG:{redLine.Srid} but the blueprint in EPSG:{srid}; transform it first", nameof(redLine));

        var ws = KernelWorkspace.ForCurrentThread;
        var layers = snapshot.Layers
            .OrderBy(l => Rules.OrderOf(l.Code))
            .ThenBy(l => l.Code, StringComparer.Ordinal)
            .Select(l => CheckLayer(l, redLine, request, ws))
            .ToArray();
        var verdict = layers.Length == 0 ? Verdict.Pass : layers.Max(l => l.Verdict);
        var notes = new List<string>(redLine.Notes);
        if (snapshot.Layers.Count == 0) notes.Add("the blueprint snapshot has no control layers: nothing was checked");

        return new ComplianceResult
        {
            RedLine = new RedLineSummary
            {
                AreaM2 = redLine.AreaM2,
                AreaEllipsoidalM2 = request.IncludeGeometry ? redLine.EllipsoidalAreaM2 : null,
                BoundaryLengthM = redLine.BoundaryLengthM,
                ParcelCount = redLine.ParcelCount,
                Srid = redLine.Srid,
                Repaired = redLine.WasRepaired,
            },
            Verdict = verdict,
            ProjectCode = request.ProjectCode,
            ProjectCategory = request.ProjectCategory,
            Layers = layers,
            Versions = layers.Select(l => new LayerVersionUsed(l.Code, l.LayerVersionId)).ToArray(),
            RulesName = Rules.Version is null ? Rules.Name : $"{Rules.Name} ({Rules.Version})",
            Notes = notes,
        };
    }

    private LayerCompliance CheckLayer(ControlLayerIndex layer, RedLine redLine, ComplianceRequest request, KernelWorkspace ws)
    {
        var layerRules = Rules.ForLayer(layer.Code);
        var outside = layerRules.Measure == LayerMeasure.Outside;
        var geometry = request.IncludeGeometry;
        var tallies = LayerOverlapAnalyzer.Analyze(layer, redLine, geometry, needRedLineLengths: outside, Options.FastPaths, ws);

        var tolerance = Rules.Tolerance;
        var deduction = layerRules.DeductionAttribute;
        var notes = new List<string>();
        var features = new FeatureOverlap[tallies.Count];
        var factory = redLine.Geometry.Factory;
        var featureParts = geometry ? new List<Geometry>(tallies.Count) : null;
        double overlap = 0, net = 0, ellipsoidal = 0, featureBoundary = 0, redBoundary = 0;
        var substantive = false;
        var anyOverlap = false;
        for (var i = 0; i < tallies.Count; i++)
        {
            var t = tallies[i];
            var feature = layer.Features[t.Ordinal];
            if (t.Notes is not null) notes.AddRange(t.Notes);
            var edge = tolerance.IsEdgeContact(t.Area, t.Perimeter);
            if (t.Area > 0)
            {
                anyOverlap = true;
                substantive |= !edge;
            }
            overlap += t.Area;
            featureBoundary += t.FeatureBoundaryInside;
            redBoundary += t.RedLineBoundaryInside;

            double? factor = null, featureNet = null;
            if (deduction is not null)
            {
                factor = DeductionOf(feature, deduction, notes);
                featureNet = t.Area * (1 - (factor ?? 0));
                net += featureNet.Value;
            }

            double? featureEllipsoidal = null;
            if (geometry)
            {
                var (part, known) = FeaturePart(layer, t, factory, redLine);
                if (part is { IsEmpty: false })
                {
                    featureParts!.Add(part);
                    featureEllipsoidal = known ?? Ellipsoidal(part, layer.Srid);
                    ellipsoidal += featureEllipsoidal.Value;
                }
                else featureEllipsoidal = 0;
            }

            features[i] = new FeatureOverlap
            {
                FeatureId = feature.Id,
                OverlapAreaM2 = t.Area,
                OverlapAreaEllipsoidalM2 = featureEllipsoidal,
                Deduction = factor,
                NetAreaM2 = featureNet,
                EdgeContact = edge && t.Area > 0,
                Attributes = feature.Attributes,
            };
        }

        // The outside part (outside-measured layers): red line minus what the features cover.
        double? outsideArea = null, outsideEllipsoidal = null;
        Geometry? outsideGeometry = null;
        var outsideEdge = false;
        if (outside)
        {
            var area = Math.Max(0, redLine.AreaM2 - overlap);
            outsideArea = area;
            var perimeter = Math.Max(0, redLine.BoundaryLengthM - redBoundary + featureBoundary);
            outsideEdge = area > 0 && tolerance.IsEdgeContact(area, perimeter);
            if (geometry)
            {
                var covered = featureParts!.Count == 0 ? null : SafeOverlay.Union(featureParts, factory);
                var difference = covered is null ? new SafeOverlay.Outcome(redLine.Geometry, false, null) : SafeOverlay.Difference(redLine.Geometry, covered);
                if (difference.Result is null) notes.Add($"the outside part could not be built ({difference.Failure}); its area is still given");
                outsideGeometry = difference.Result;
                outsideEllipsoidal = outsideGeometry is null ? null : Ellipsoidal(outsideGeometry, layer.Srid);
            }
        }

        ComplianceRule rule;
        var edgeContact = false;
        if (outside)
        {
            if (!(outsideArea > 0)) rule = Rules.Outcomes.Inside;
            else if (outsideEdge)
            {
                rule = Rules.Outcomes.EdgeContact;
                edgeContact = true;
            }
            else rule = layerRules.RuleFor(request.ProjectCategory);
        }
        else if (substantive) rule = layerRules.RuleFor(request.ProjectCategory);
        else if (anyOverlap)
        {
            rule = Rules.Outcomes.EdgeContact;
            edgeContact = true;
        }
        else rule = Rules.Outcomes.NoOverlap;

        var verdict = rule.Verdict;
        if (tallies.Any(t => t.Failed) && verdict == Verdict.Pass)
        {
            verdict = Verdict.Warning;
            notes.Add("some features could not be analysed, so a pass cannot be given: review manually");
        }

        return new LayerCompliance
        {
            Code = layer.Code,
            NameZh = layerRules.NameZh,
            NameEn = layerRules.NameEn,
            LayerVersionId = layer.LayerVersionId,
            Verdict = verdict,
            RuleId = rule.Id,
            RuleText = rule.Text,
            OverlapAreaM2 = overlap,
            OverlapAreaEllipsoidalM2 = geometry ? ellipsoidal : null,
            OverlapRatio = redLine.AreaM2 > 0 ? overlap / redLine.AreaM2 : 0,
            NetAreaM2 = deduction is null ? null : net,
            OutsideAreaM2 = outsideArea,
            OutsideAreaEllipsoidalM2 = outsideEllipsoidal,
            EdgeContact = edgeContact,
            Parts = geometry ? factory.CreateMultiPolygon(featureParts!.SelectMany(Polygons).ToArray()) : null,
            OutsideGeometry = outsideGeometry,
            Features = features,
            Notes = notes,
        };
    }

    /// <summary>
    /// A feature's overlap as one geometry, and its ellipsoidal area when already known: the original feature when
    /// every piece lies inside (its area is cached by the index), the red line when it lies inside the feature,
    /// otherwise the pieces' parts merged (ellipsoidal area to be computed).
    /// </summary>
    private static (Geometry? Part, double? Ellipsoidal) FeaturePart(ControlLayerIndex layer, FeatureTally t, GeometryFactory factory, RedLine redLine)
    {
        if (t.Parts is null) return (null, null);
        if (t.PiecesInside > 0 && t.PiecesInside == layer.PieceCountOf(t.Ordinal))
            return (ControlLayerIndex.Polygonal(layer.Features[t.Ordinal].Geometry), layer.EllipsoidalAreaOf(t.Ordinal));
        if (t.Parts.Count == 1 && ReferenceEquals(t.Parts[0], redLine.Geometry)) return (redLine.Geometry, redLine.EllipsoidalAreaM2);
        return (SafeOverlay.Union(t.Parts, factory), null);
    }

    private static IEnumerable<Polygon> Polygons(Geometry g)
    {
        for (var i = 0; i < g.NumGeometries; i++)
            if (g.GetGeometryN(i) is Polygon { IsEmpty: false } p) yield return p;
    }

    private static double Ellipsoidal(Geometry part, int srid) =>
        part.IsEmpty ? 0 : EllipsoidalArea.Of(Reprojector.Transform(part, srid, CrsCatalog.Cgcs2000));

    /// <summary>
    /// The deduction factor (扣除系数) of a feature: a number in [0, 1] (numbers or numeric text); absent → null
    /// (counted in full); anything else is noted and counted in full.
    /// </summary>
    private static double? DeductionOf(ControlFeature feature, string attribute, List<string> notes)
    {
        if (!feature.Attributes.TryGetValue(attribute, out var value) || value is null) return null;
        double? number = value switch
        {
            double d => d,
            float f => f,
            decimal m => (double)m,
            long l => l,
            int i => i,
            short s => s,
            string text when double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            string text when string.IsNullOrWhiteSpace(text) => null,
            _ => double.NaN,
        };
        if (number is null) return null;
        if (number is >= 0 and <= 1) return number;
        notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"feature {feature.Id}: {attribute} = '{value}' is not a number between 0 and 1; its overlap is counted in full"));
        return null;
    }
}
