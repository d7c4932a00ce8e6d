using OneBlueprint.Engines.Assessment.Coverage;
using OneBlueprint.Engines.Assessment.Registry;
using OneBlueprint.Engines.Tests.Support;
using static OneBlueprint.Engines.Tests.Assessment.AssessmentAreas;

namespace OneBlueprint.Engines.Tests.Assessment;

/// <summary>
/// Coverage of hand-made red lines by rectangular assessment areas, whose overlap areas are known exactly by
/// arithmetic (the independent reference here; the PostGIS agreement is checked on the demo city in Server.Tests).
/// </summary>
public sealed class CoverageTests
{
    private static readonly AssessmentCoverageEngine Engine = new();
    private static readonly DateOnly Day = new(2026, 11, 24);

    private static ItemCoverage CoverOne(string code, AssessmentRegistry registry, NetTopologySuite.Geometries.Geometry redLine, DateOnly? date = null) =>
        Engine.Cover(redLine, Shapes.Srid, date ?? Day, registry).Items.Single(i => i.ItemCode == code);

    [Fact]
    public void Coverage_RedLineInsideAValidArea_IsFullyCoveredAndMayGoByTheAreasMode()
    {
        var registry = new AssessmentRegistry([Area("QY01", Shapes.Rect(-100, -100, 400, 400), Item("DZZH", "2024-01-01", "2029-12-31"))]);
        var c = CoverOne("DZZH", registry, Shapes.Rect(0, 0, 100, 100));
        Assert.Equal(CoverageStatus.FullyCovered, c.Status);
        Assert.Equal(ReuseDecision.MayReuse, c.Decision);
        Assert.Equal(SimplifiedApprovalMode.NotifyAndCommit, c.Mode);
        Assert.Equal(10_000, c.CoveredAreaM2, 6);
        Assert.Equal(1.0, c.CoveredShare, 12);
        Assert.Equal(0, c.UncoveredAreaM2, 6);
        Assert.Equal(["地质灾害危险性评估报告备案"], c.Approvals); // from the catalogue: the result names none
        Assert.Contains("告知承诺", c.Reason.Zh);
        Assert.Contains("2029-12-31", c.Reason.En);
    }

    [Fact]
    public void Coverage_RedLinePartlyInside_GivesTheExactShareAndTheUncoveredPart()
    {
        var registry = new AssessmentRegistry([Area("QY01", Shapes.Rect(40, -50, 200, 200), Item("DZZH", "2024-01-01", null))]);
        var c = CoverOne("DZZH", registry, Shapes.Rect(0, 0, 100, 100));
        Assert.Equal(CoverageStatus.PartlyCovered, c.Status);
        Assert.Equal(ReuseDecision.NeedsOwnAssessment, c.Decision);
        Assert.Null(c.Mode);
        Assert.Equal(6_000, c.CoveredAreaM2, 6);
        Assert.Equal(0.6, c.CoveredShare, 12);
        Assert.Equal(4_000, c.UncoveredAreaM2, 6);
        // the uncovered part is the western 40 m strip
        Assert.Equal(0, c.UncoveredPart!.SymmetricDifference(Shapes.Rect(0, 0, 40, 100)).Area, 6);
        Assert.Equal(0, c.CoveredPart!.SymmetricDifference(Shapes.Rect(40, 0, 60, 100)).Area, 6);
        Assert.Contains("60%", c.Reason.En);
        Assert.Contains("4000 m²", c.Reason.Zh);
    }

    [Fact]
    public void Coverage_NoAreaForTheItem_IsNotCoveredWithTheReason()
    {
        var registry = new AssessmentRegistry([Area("QY01", Shapes.Rect(-100, -100, 400, 400), Item("DZZH", "2024-01-01", null))]);
        var c = CoverOne("HJYX", registry, Shapes.Rect(0, 0, 100, 100));
        Assert.Equal(CoverageStatus.NotCovered, c.Status);
        Assert.Equal(ReuseDecision.NeedsOwnAssessment, c.Decision);
        Assert.Empty(c.Sources);
        Assert.Equal(10_000, c.UncoveredAreaM2, 6);
        Assert.Contains("No assessment area", c.Reason.En);
        Assert.Equal(["建设项目环境影响评价文件审批"], c.Approvals);
    }

    [Fact]
    public void Coverage_ExpiredResult_IsNeverEligible_AndSaysWhenItExpired()
    {
        var registry = new AssessmentRegistry([Area("QY01", Shapes.Rect(-100, -100, 400, 400), Item("HJYX", "2019-07-01", "2025-06-30"))]);
        var c = CoverOne("HJYX", registry, Shapes.Rect(0, 0, 100, 100));
        Assert.Equal(CoverageStatus.NotCovered, c.Status);
        Assert.Equal(ReuseDecision.NeedsOwnAssessment, c.Decision);
        var source = Assert.Single(c.Sources);
        Assert.Equal(ValidityState.Expired, source.State);
        Assert.False(source.Used);
        Assert.Equal(10_000, source.OverlapAreaM2, 6);
        Assert.Contains("expired after 2025-06-30 (checked on 2026-11-24)", c.Reason.En);
        Assert.Contains("2025-06-30 到期", c.Reason.Zh);
    }

    [Fact]
    public void Coverage_OnTheLastValidDay_StillCounts_AndTheDayAfterDoesNot()
    {
        var registry = new AssessmentRegistry([Area("QY01", Shapes.Rect(-100, -100, 400, 400), Item("HJYX", "2019-07-01", "2025-06-30"))]);
        Assert.Equal(CoverageStatus.FullyCovered, CoverOne("HJYX", registry, Shapes.Rect(0, 0, 100, 100), new DateOnly(2025, 6, 30)).Status);
        Assert.Equal(CoverageStatus.NotCovered, CoverOne("HJYX", registry, Shapes.Rect(0, 0, 100, 100), new DateOnly(2025, 7, 1)).Status);
        Assert.Equal(CoverageStatus.NotCovered, CoverOne("HJYX", registry, Shapes.Rect(0, 0, 100, 100), new DateOnly(2019, 6, 30)).Status);
    }

    [Fact]
    public void Coverage_NotYetValidResult_SaysWhenItTakesEffect()
    {
        var registry = new AssessmentRegistry([Area("QY01", Shapes.Rect(-100, -100, 400, 400), Item("JNPJ", "2027-01-01", null))]);
        var c = CoverOne("JNPJ", registry, Shapes.Rect(0, 0, 100, 100));
        Assert.Equal(CoverageStatus.NotCovered, c.Status);
        Assert.Equal(ValidityState.NotYetValid, Assert.Single(c.Sources).State);
        Assert.Contains("takes effect only on 2027-01-01", c.Reason.En);
    }

    [Fact]
    public void Coverage_ValidGeologyAndExpiredEia_OnOneAreaPartlyUnderTheRedLine()
    {
        // The must-show, by arithmetic: 70 % of the red line inside, 地质灾害 valid, 环评 expired.
        var area = Area("QY01", Shapes.Rect(30, -100, 400, 400), Item("DZZH", "2024-03-01", "2029-02-28"), Item("HJYX", "2019-07-01", "2025-06-30"));
        var report = Engine.Cover(Shapes.Rect(0, 0, 100, 100), Shapes.Srid, Day, new AssessmentRegistry([area]));
        var geology = report.Items.Single(i => i.ItemCode == "DZZH");
        Assert.Equal(CoverageStatus.PartlyCovered, geology.Status);
        Assert.Equal(0.7, geology.CoveredShare, 12);
        Assert.Equal(3_000, geology.UncoveredAreaM2, 6);
        var eia = report.Items.Single(i => i.ItemCode == "HJYX");
        Assert.Equal(ReuseDecision.NeedsOwnAssessment, eia.Decision);
        Assert.Equal(CoverageStatus.NotCovered, eia.Status);
        Assert.Contains("expired after 2025-06-30", eia.Reason.En);
        Assert.Equal(7, report.NeedOwnAssessment.Count);
        Assert.Empty(report.MayReuse);
    }

    [Fact]
    public void Coverage_TwoValidAreasOverlap_UsesTheMostRecentThereAndSaysSo()
    {
        var older = Area("QY01", Shapes.Rect(-100, -100, 160, 400), Item("DZZH", "2022-01-01", null, approvedOn: "2022-01-01"));
        var newer = Area("QY02", Shapes.Rect(40, -100, 160, 400), Item("DZZH", "2025-05-01", null, approvedOn: "2025-05-01"));
        var c = CoverOne("DZZH", new AssessmentRegistry([older, newer]), Shapes.Rect(0, 0, 100, 100));
        Assert.Equal(CoverageStatus.FullyCovered, c.Status);
        Assert.Equal(10_000, c.CoveredAreaM2, 6);
        Assert.Equal(["QY02", "QY01"], c.Sources.Select(s => s.Area.UnitCode));
        Assert.Equal(6_000, c.Sources[0].UsedAreaM2, 6); // the newer one everywhere it lies
        Assert.Equal(4_000, c.Sources[1].UsedAreaM2, 6); // the older one only where the newer does not
        Assert.Equal(6_000, c.Sources[1].OverlapAreaM2, 6);
        var note = Assert.Single(c.Notes);
        Assert.Contains("overlap on 2000 m²", note.En);
        Assert.Contains("most recent one, 区域QY02 (QY02 v1)'s", note.En);
    }

    [Fact]
    public void Coverage_ExpiredAreaOverlapsValidOne_UsesTheValidAndSaysWhy()
    {
        var expired = Area("QY01", Shapes.Rect(-100, -100, 400, 400), Item("DZZH", "2024-01-01", "2025-01-01", approvedOn: "2024-01-01"));
        var valid = Area("QY02", Shapes.Rect(-50, -100, 400, 400), Item("DZZH", "2020-01-01", null, approvedOn: "2020-01-01"));
        var c = CoverOne("DZZH", new AssessmentRegistry([expired, valid]), Shapes.Rect(0, 0, 100, 100));
        Assert.Equal(CoverageStatus.FullyCovered, c.Status);
        Assert.True(c.Sources.Single(s => s.Area.UnitCode == "QY02").Used);
        Assert.False(c.Sources.Single(s => s.Area.UnitCode == "QY01").Used);
        Assert.Contains("expired after 2025-01-01, so the valid one", Assert.Single(c.Notes).En);
    }

    [Fact]
    public void Coverage_TwoAreasTogetherCoverTheRedLine_IsFull_AndTakesTheStrictestMode()
    {
        var west = Area("QY01", Shapes.Rect(-100, -100, 150, 400), Item("DZAQ", "2024-01-01", null, SimplifiedApprovalMode.Exempt, conditions: "按Ⅶ度设防"));
        var east = Area("QY02", Shapes.Rect(50, -100, 150, 400), Item("DZAQ", "2024-01-01", null, SimplifiedApprovalMode.Simplified, approvals: ["抗震设防要求确定"]));
        var c = CoverOne("DZAQ", new AssessmentRegistry([west, east]), Shapes.Rect(0, 0, 100, 100));
        Assert.Equal(CoverageStatus.FullyCovered, c.Status);
        Assert.Equal(SimplifiedApprovalMode.Simplified, c.Mode);
        Assert.Equal(["抗震设防要求确定"], c.Approvals);
        Assert.Equal(["按Ⅶ度设防"], c.Conditions);
        Assert.Empty(c.Notes); // they only touch
    }

    [Fact]
    public void Coverage_MultiParcelRedLineWithHole_CountsOnlyTheParcels()
    {
        var parcel = Shapes.WithHoles(Shapes.Rect(0, 0, 100, 100), Shapes.Rect(20, 20, 20, 20));
        var redLine = Shapes.Multi(parcel, Shapes.Rect(200, 0, 50, 50));
        var area = Area("QY01", Shapes.Rect(0, 0, 100, 100), Item("WWKG", "2024-01-01", null));
        var c = CoverOne("WWKG", new AssessmentRegistry([area]), redLine);
        Assert.Equal(9_600 + 2_500, Engine.Cover(redLine, Shapes.Srid, Day, new AssessmentRegistry([area])).RedLineAreaM2, 6);
        Assert.Equal(9_600, c.CoveredAreaM2, 6);
        Assert.Equal(9_600 / 12_100.0, c.CoveredShare, 12);
        Assert.Equal(0, c.UncoveredPart!.SymmetricDifference(Shapes.Rect(200, 0, 50, 50)).Area, 6);
    }

    [Fact]
    public void Coverage_RedLineTouchingAnAreaOnly_IsNotCoveredAndListsNoSource()
    {
        var area = Area("QY01", Shapes.Rect(100, 0, 100, 100), Item("SZYLZ", "2024-01-01", null));
        var c = CoverOne("SZYLZ", new AssessmentRegistry([area]), Shapes.Rect(0, 0, 100, 100));
        Assert.Equal(CoverageStatus.NotCovered, c.Status);
        Assert.Empty(c.Sources);
    }

    [Fact]
    public void At_APointInTwoAreas_ListsBothWithEachResultsState()
    {
        var a = Area("QY01", Shapes.Rect(0, 0, 100, 100), Item("HJYX", "2019-01-01", "2020-01-01"), Item("DZZH", "2024-01-01", null));
        var b = Area("QY02", Shapes.Rect(50, 50, 100, 100), Item("JNPJ", "2024-01-01", null));
        var registry = new AssessmentRegistry([a, b]);
        var matches = Engine.At(Shapes.Factory.CreatePoint(new NetTopologySuite.Geometries.Coordinate(Shapes.X0 + 75, Shapes.Y0 + 75)), Day, registry);
        Assert.Equal(["QY01", "QY02"], matches.Select(m => m.Area.UnitCode));
        Assert.Equal([("HJYX", ValidityState.Expired), ("DZZH", ValidityState.Valid)], matches[0].Items.Select(i => (i.Item.ItemCode, i.State)));
        Assert.Empty(Engine.At(Shapes.Factory.CreatePoint(new NetTopologySuite.Geometries.Coordinate(Shapes.X0 - 5, Shapes.Y0)), Day, registry));
    }

    [Fact]
    public void ValidityPeriod_EndBeforeStart_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new ValidityPeriod(new DateOnly(2025, 1, 2), new DateOnly(2025, 1, 1)));
}
