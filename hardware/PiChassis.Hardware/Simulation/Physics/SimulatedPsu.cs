namespace PiChassis.Hardware.Simulation.Physics;

/// <summary>
/// The chassis' one 5 V supply. Output droops linearly with current through its internal
/// resistance (supply plus bus wiring). Past the rated current the droop steepens by
/// <see cref="OverloadDroopFactor"/>: the supply's current limit folds the voltage back, which
/// is the brown-out the controller must shed load against.
/// </summary>
public sealed class SimulatedPsu
{
    /// <summary>Floor for the constant-power load model, so a collapsing bus does not divide by zero.</summary>
    public const double MinLoadVoltageV = 1.0;

    private const int MaxIterations = 200;
    private const double ToleranceV = 1e-9;

    public SimulatedPsu(double ratedW, double nominalV, double internalResistanceOhm, double overloadDroopFactor)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratedW);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nominalV);
        ArgumentOutOfRangeException.ThrowIfNegative(internalResistanceOhm);
        ArgumentOutOfRangeException.ThrowIfLessThan(overloadDroopFactor, 1);
        RatedW = ratedW;
        NominalV = nominalV;
        InternalResistanceOhm = internalResistanceOhm;
        OverloadDroopFactor = overloadDroopFactor;
    }

    public double RatedW { get; }

    /// <summary>Open-circuit output voltage.</summary>
    public double NominalV { get; }

    public double InternalResistanceOhm { get; }

    /// <summary>How much steeper the droop is for the current above the rating.</summary>
    public double OverloadDroopFactor { get; }

    public double RatedCurrentA => RatedW / NominalV;

    /// <summary>Output voltage at a total current (never below 0 V).</summary>
    public double OutputVoltageV(double currentA)
    {
        var overA = Math.Max(0, currentA - RatedCurrentA);
        var droopV = (currentA * InternalResistanceOhm) + (overA * InternalResistanceOhm * (OverloadDroopFactor - 1));
        return Math.Max(0, NominalV - droopV);
    }

    /// <summary>
    /// Bus voltage with boards that draw constant power (their switching regulators do) plus
    /// constant-current loads (shorts): the fixed point V = Vout(I_const + P / V).
    /// Iterating from the open-circuit voltage descends monotonically to the upper, stable root;
    /// with no root (overload past the supply's nose) it sinks to the floor, i.e. collapse.
    /// </summary>
    public double SolveBusVoltageV(double constantPowerW, double constantCurrentA)
    {
        var voltageV = NominalV;
        for (var i = 0; i < MaxIterations; i++)
        {
            var next = OutputVoltageV(constantCurrentA + (constantPowerW / Math.Max(voltageV, MinLoadVoltageV)));
            var converged = Math.Abs(next - voltageV) < ToleranceV;
            voltageV = next;
            if (converged)
            {
                break;
            }
        }

        return voltageV;
    }

    /// <summary>Current a constant-power load draws at a bus voltage.</summary>
    public static double LoadCurrentA(double powerW, double busVoltageV) => powerW / Math.Max(busVoltageV, MinLoadVoltageV);
}
