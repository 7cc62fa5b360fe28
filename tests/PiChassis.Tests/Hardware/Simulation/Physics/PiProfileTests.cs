using PiChassis.Controller.Configuration;
using PiChassis.Hardware.Simulation.Physics;

namespace PiChassis.Tests.Hardware.Simulation.Physics;

public class PiProfileTests
{
    public static TheoryData<string> BuiltIns => new() { "Pi3B+", "Pi4B", "Pi5" };

    [Fact]
    public void Pi4B_PublishedFigures_Match()
    {
        var pi4 = PiProfile.Pi4B;

        Assert.InRange(pi4.IdleW, 2.7, 3.4);
        Assert.Equal(6.4, pi4.MaxW);
        Assert.InRange(pi4.BootDurationS, 20, 30);
        Assert.InRange(pi4.PeakBootW / 5.0, 1.1, 1.3);
        Assert.InRange(pi4.HaltedW / 5.0, 0.1, 0.5);
    }

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void BuiltIn_BootCurve_EndsAtIdleAndPeaksEarly(string name)
    {
        var profile = new[] { PiProfile.Pi3BPlus, PiProfile.Pi4B, PiProfile.Pi5 }.Single(p => p.Name == name);

        Assert.Equal(profile.IdleW, profile.BootCurve[^1].PowerW);
        Assert.True(profile.PeakBootW > profile.IdleW);
        Assert.True(profile.BootCurve.First(p => p.PowerW == profile.PeakBootW).AtS < 10);
    }

    [Fact]
    public void BootPowerW_BetweenPoints_Interpolates()
    {
        var profile = Profile([new(0, 2), new(10, 4), new(20, 3)]);

        Assert.Equal(3.0, profile.BootPowerW(5), 12);
        Assert.Equal(3.5, profile.BootPowerW(15), 12);
        Assert.Equal(3.0, profile.BootPowerW(99), 12);
    }

    [Fact]
    public void BootEnergyJ_AcrossSegments_IsTheExactArea()
    {
        var profile = Profile([new(0, 2), new(10, 4), new(20, 3)]);

        // Area 0..20: 30 + 35; 5..15 cuts both trapezoids.
        Assert.Equal(65.0, profile.BootEnergyJ(0, 20), 12);
        Assert.Equal(((3 + 4) / 2.0 * 5) + ((4 + 3.5) / 2.0 * 5), profile.BootEnergyJ(5, 15), 12);
        Assert.Equal(profile.BootEnergyJ(0, 20), profile.BootEnergyJ(0, 7.3) + profile.BootEnergyJ(7.3, 20), 12);
    }

    [Fact]
    public void BootPowerW_DuringTheInrush_AddsTheSurgeAndItsEnergy()
    {
        var profile = new PiProfile("surge", 3, 6, [new(0, 2), new(10, 4)], 4, 0.5, inrushW: 10, inrushS: 0.02);

        Assert.Equal(12.0, profile.BootPowerW(0), 12);
        Assert.Equal(12.002, profile.BootPowerW(0.01), 12);
        Assert.Equal(2.004, profile.BootPowerW(0.02), 12);
        Assert.Equal(30 + (10 * 0.02), profile.BootEnergyJ(0, 10), 12);
        Assert.Equal((2.004 * 0.02) + (10 * 0.01), profile.BootEnergyJ(0.01, 0.03), 12);
    }

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void BuiltIn_Inrush_SeveralAmperesEndingWithinTheProtectionDwells(string name)
    {
        var profile = new[] { PiProfile.Pi3BPlus, PiProfile.Pi4B, PiProfile.Pi5 }.Single(p => p.Name == name);
        var protection = new ProtectionOptions();

        Assert.InRange((profile.BootPowerW(0) / 5.0) - (profile.BootCurve[0].PowerW / 5.0), 1.5, 3);
        Assert.True(TimeSpan.FromSeconds(profile.InrushS) < protection.OvercurrentDwell / 2);
        Assert.True(TimeSpan.FromSeconds(profile.InrushS) < protection.UndervoltageDwell / 2);
        Assert.InRange(profile.BootPowerW(profile.InrushS), profile.BootCurve[0].PowerW, profile.BootCurve[0].PowerW + 0.1);
    }

    [Fact]
    public void RunningPowerW_HalfLoad_IsMidwayBetweenIdleAndMax()
    {
        Assert.Equal((2.7 + 6.4) / 2, PiProfile.Pi4B.RunningPowerW(0.5), 12);
    }

    [Fact]
    public void Constructor_TimesNotIncreasing_Throws()
    {
        Assert.Throws<ArgumentException>(() => Profile([new(0, 2), new(5, 3), new(5, 4)]));
        Assert.Throws<ArgumentException>(() => Profile([new(1, 2), new(5, 3)]));
    }

    [Fact]
    public void Equals_SamePointsInDifferentLists_AreEqual()
    {
        var a = Profile([new(0, 2), new(10, 4)]);
        var b = Profile([new(0, 2), new(10, 4)]);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, Profile([new(0, 2), new(10, 5)]));
    }

    private static PiProfile Profile(BootCurvePoint[] curve) => new("test", 3, 6, curve, 4, 0.5);
}
