using System.Text.Json.Serialization;

namespace PiChassis.Hardware.Simulation.Physics;

/// <summary>
/// How one board model draws power: an inrush surge, a boot curve, idle and full-load draw, and
/// its shutdown. The boot curve is interpolated linearly between its points; the board counts as
/// booted at the last point, whose draw should match <see cref="IdleW"/>. The inrush is a flat
/// surge of <see cref="InrushW"/> on top of the curve for the first <see cref="InrushS"/> after power.
/// </summary>
public sealed record PiProfile
{
    public PiProfile(
        string name, double idleW, double maxW, IReadOnlyList<BootCurvePoint> bootCurve, double haltingS, double haltedW,
        double inrushW = 0, double inrushS = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(bootCurve);
        ArgumentOutOfRangeException.ThrowIfNegative(idleW);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxW, idleW);
        ArgumentOutOfRangeException.ThrowIfNegative(haltingS);
        ArgumentOutOfRangeException.ThrowIfNegative(haltedW);
        ArgumentOutOfRangeException.ThrowIfNegative(inrushW);
        ArgumentOutOfRangeException.ThrowIfNegative(inrushS);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(inrushS, bootCurve[^1].AtS);
        if (bootCurve.Count < 2 || bootCurve[0].AtS != 0)
        {
            throw new ArgumentException("A boot curve needs at least two points, the first at 0 s.", nameof(bootCurve));
        }

        for (var i = 0; i < bootCurve.Count; i++)
        {
            if (bootCurve[i].PowerW < 0 || (i > 0 && bootCurve[i].AtS <= bootCurve[i - 1].AtS))
            {
                throw new ArgumentException("Boot curve times must increase and draws must not be negative.", nameof(bootCurve));
            }
        }

        Name = name;
        IdleW = idleW;
        MaxW = maxW;
        BootCurve = [.. bootCurve];
        HaltingS = haltingS;
        HaltedW = haltedW;
        InrushW = inrushW;
        InrushS = inrushS;
    }

    public string Name { get; }

    /// <summary>Draw when booted and idle.</summary>
    public double IdleW { get; }

    /// <summary>Draw at full load (all cores busy).</summary>
    public double MaxW { get; }

    public IReadOnlyList<BootCurvePoint> BootCurve { get; }

    /// <summary>How long the shutdown takes after a halt request; the draw falls linearly over it.</summary>
    public double HaltingS { get; }

    /// <summary>Draw of a halted board that is still powered (SoC held in reset, PMIC on).</summary>
    public double HaltedW { get; }

    /// <summary>
    /// Draw above the boot curve while power first reaches the board: its input capacitance and
    /// the PMIC's soft-started rails charging. Simultaneous surges sum at the supply.
    /// </summary>
    public double InrushW { get; }

    /// <summary>How long the inrush surge lasts after power (within the boot).</summary>
    public double InrushS { get; }

    [JsonIgnore]
    public double BootDurationS => BootCurve[^1].AtS;

    [JsonIgnore]
    public double PeakBootW => BootCurve.Max(p => p.PowerW);

    // Figures: design brief ("Pi 4B about 2.7-3.4 W idle, 6.4 W max (1.28 A at 5 V), boot peaks near
    // 1.2 A, ~20-30 s to boot; Pi 3B+ ~2 W idle, ~5 W max; a halted Pi draws 0.1-0.5 A");
    // SwitchDoc Labs, "Raspberry Pi 3B+/4B Startup Currents Examined" (2019, INA219 at 50 ms):
    // a Pi 4B averages ~600 mA and jumps above 1100 mA during boot; Jeff Geerling, "Reducing
    // Raspberry Pi 5's power consumption by 140x" (2023): a shut-down Pi 5 draws 1.2-1.6 W
    // with the default POWER_OFF_ON_HALT=0.
    // Inrush: assumed figures; no published measurement at this time scale was found. The Pi 3B+
    // and the Pi 4B feed their rails from an MxL7704 PMIC whose bucks soft-start; charging the input
    // and rail capacitance at power-on is a surge of a few amperes for some ms to tens of ms,
    // shorter than a 100 ms sweep or the 50 ms samples of the SwitchDoc logs. Chosen: Pi 4B +12 W
    // (~2.4 A, ~2.8 A in all) for 20 ms; Pi 3B+ +8 W (~1.6 A) for 15 ms; Pi 5 +12 W for 25 ms.
    // All end well within the default overcurrent dwell (100 ms) and undervoltage dwell (300 ms).

    /// <summary>Raspberry Pi 3B+: ~2 W idle, ~5 W max, a slower ~28 s boot peaking near 0.9 A.</summary>
    public static PiProfile Pi3BPlus { get; } = new(
        "Pi3B+", idleW: 2.0, maxW: 5.0,
        [new(0, 1.2), new(2, 3.5), new(5, 4.6), new(10, 3.6), new(20, 2.8), new(28, 2.0)],
        haltingS: 4, haltedW: 0.5, inrushW: 8, inrushS: 0.015);

    /// <summary>Raspberry Pi 4B (the default board): 2.7 W idle, 6.4 W max, 25 s boot peaking near 1.2 A at 5 V.</summary>
    public static PiProfile Pi4B { get; } = new(
        "Pi4B", idleW: 2.7, maxW: 6.4,
        [new(0, 2.0), new(1, 3.2), new(3, 6.1), new(6, 5.4), new(10, 4.5), new(15, 4.0), new(20, 3.4), new(25, 2.7)],
        haltingS: 4, haltedW: 0.6, inrushW: 12, inrushS: 0.020);

    /// <summary>Raspberry Pi 5: ~3 W idle, ~10 W max (8-12 W published), ~20 s boot, 1.4 W when halted.</summary>
    public static PiProfile Pi5 { get; } = new(
        "Pi5", idleW: 3.0, maxW: 10.0,
        [new(0, 2.2), new(1, 4.0), new(3, 7.5), new(6, 6.5), new(12, 4.5), new(20, 3.0)],
        haltingS: 3, haltedW: 1.4, inrushW: 12, inrushS: 0.025);

    /// <summary>Draw <paramref name="sinceS"/> seconds after power: the inrush surge, then the boot curve (held at its ends).</summary>
    public double BootPowerW(double sinceS) => CurvePowerW(sinceS) + (sinceS >= 0 && sinceS < InrushS ? InrushW : 0);

    /// <summary>Exact energy (J) of the inrush and the boot curve between two times since power (trapezoids per segment).</summary>
    public double BootEnergyJ(double fromS, double toS) =>
        CurveEnergyJ(fromS, toS) + (InrushW * Math.Max(0, Math.Min(toS, InrushS) - Math.Max(fromS, 0)));

    /// <summary>Value equality including the boot curve's points (a record would compare the list by reference).</summary>
    public bool Equals(PiProfile? other) =>
        other is not null && Name == other.Name && IdleW == other.IdleW && MaxW == other.MaxW
        && HaltingS == other.HaltingS && HaltedW == other.HaltedW && InrushW == other.InrushW && InrushS == other.InrushS
        && BootCurve.SequenceEqual(other.BootCurve);

    public override int GetHashCode() => HashCode.Combine(Name, IdleW, MaxW, HaltingS, HaltedW, BootCurve.Count);

    /// <summary>Draw when booted at a load fraction 0..1.</summary>
    public double RunningPowerW(double loadFraction) => IdleW + (loadFraction * (MaxW - IdleW));

    private double CurvePowerW(double sinceS)
    {
        var curve = BootCurve;
        if (sinceS <= 0)
        {
            return curve[0].PowerW;
        }

        for (var i = 1; i < curve.Count; i++)
        {
            if (sinceS <= curve[i].AtS)
            {
                return Interpolate(curve[i - 1], curve[i], sinceS);
            }
        }

        return curve[^1].PowerW;
    }

    private double CurveEnergyJ(double fromS, double toS)
    {
        var energy = 0.0;
        var curve = BootCurve;
        for (var i = 1; i < curve.Count && fromS < toS; i++)
        {
            var end = Math.Min(toS, curve[i].AtS);
            if (end > fromS)
            {
                energy += (Interpolate(curve[i - 1], curve[i], fromS) + Interpolate(curve[i - 1], curve[i], end)) / 2 * (end - fromS);
                fromS = end;
            }
        }

        return energy;
    }

    private static double Interpolate(BootCurvePoint a, BootCurvePoint b, double atS) =>
        a.PowerW + ((b.PowerW - a.PowerW) * (atS - a.AtS) / (b.AtS - a.AtS));
}
