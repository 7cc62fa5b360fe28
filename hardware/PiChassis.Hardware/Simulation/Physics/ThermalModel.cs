namespace PiChassis.Hardware.Simulation.Physics;

/// <summary>
/// First-order thermal model of the chassis air. The inlet is the ambient; the exhaust relaxes
/// towards ambient + rise × power with one time constant. The fan adds cooling: at duty d the rise
/// per watt is divided by (1 + gain × d / 100). The time constant is kept fixed (the air mass and
/// boards dominate it), a deliberate simplification. Each step is the exact solution for a constant
/// power over the step, so large steps do not drift.
/// </summary>
public sealed class ThermalModel
{
    private double _fanDutyPercent;

    public ThermalModel(double ambientC, double riseCPerW, double timeConstantS, double fanCoolingGain)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(riseCPerW);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timeConstantS);
        ArgumentOutOfRangeException.ThrowIfNegative(fanCoolingGain);
        AmbientC = ambientC;
        ExhaustC = ambientC;
        RiseAtNoFanCPerW = riseCPerW;
        TimeConstantS = timeConstantS;
        FanCoolingGain = fanCoolingGain;
    }

    /// <summary>Inlet air temperature; changes to it reach the exhaust through the time constant.</summary>
    public double AmbientC { get; set; }

    public double ExhaustC { get; private set; }

    /// <summary>Exhaust rise per watt dissipated in the chassis, with the fan off.</summary>
    public double RiseAtNoFanCPerW { get; }

    public double TimeConstantS { get; }

    /// <summary>At 100 % duty the rise per watt is divided by 1 + this gain.</summary>
    public double FanCoolingGain { get; }

    public double FanDutyPercent
    {
        get => _fanDutyPercent;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 100);
            _fanDutyPercent = value;
        }
    }

    /// <summary>Exhaust rise per watt at the current fan duty.</summary>
    public double RiseCPerW => RiseAtNoFanCPerW / (1 + (FanCoolingGain * _fanDutyPercent / 100));

    /// <summary>Where the exhaust settles if <paramref name="powerW"/> stays constant.</summary>
    public double SteadyExhaustC(double powerW) => AmbientC + (RiseCPerW * powerW);

    /// <summary>Lets <paramref name="dtS"/> seconds pass at a constant dissipated power.</summary>
    public void Advance(double dtS, double powerW)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dtS);
        var targetC = SteadyExhaustC(powerW);
        ExhaustC = targetC + ((ExhaustC - targetC) * Math.Exp(-dtS / TimeConstantS));
    }

    /// <summary>Puts the exhaust back where a saved state had it.</summary>
    public void Restore(double exhaustC) => ExhaustC = exhaustC;
}
