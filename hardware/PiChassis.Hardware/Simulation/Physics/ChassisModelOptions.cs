namespace PiChassis.Hardware.Simulation.Physics;

/// <summary>The physical make-up of a simulated chassis. Defaults describe eight Pi 4Bs on a 60 W, 5.1 V supply.</summary>
public sealed class ChassisModelOptions
{
    public int SlotCount { get; set; } = 8;

    /// <summary>Board in every slot not listed in <see cref="Boards"/>.</summary>
    public PiProfile DefaultBoard { get; set; } = PiProfile.Pi4B;

    /// <summary>Per-slot boards by slot number (from 1); a null value leaves that slot empty.</summary>
    public IDictionary<int, PiProfile?> Boards { get; } = new Dictionary<int, PiProfile?>();

    public double PsuRatedW { get; set; } = 60;

    public double PsuNominalV { get; set; } = 5.1;

    /// <summary>Supply plus bus wiring: 15 mΩ droops 0.18 V at the rated 11.8 A.</summary>
    public double PsuInternalResistanceOhm { get; set; } = 0.015;

    /// <summary>Droop per ampere above the rating, relative to the normal droop (brown-out).</summary>
    public double PsuOverloadDroopFactor { get; set; } = 20;

    public double AmbientC { get; set; } = 25;

    /// <summary>Exhaust rise per watt with the fan off: 0.4 °C/W puts eight idle Pi 4Bs ~9 °C over inlet.</summary>
    public double ExhaustRiseCPerW { get; set; } = 0.4;

    public double ThermalTimeConstantS { get; set; } = 120;

    /// <summary>At 100 % fan duty the rise per watt is divided by 1 + this gain.</summary>
    public double FanCoolingGain { get; set; } = 3;

    /// <summary>Longest integration step while a board's draw changes with time (boot, halt).</summary>
    public TimeSpan MaxSubStep { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Every problem with these options at once; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (SlotCount is < 1 or > 64)
        {
            errors.Add($"SlotCount must be 1..64, not {SlotCount}.");
        }

        if (DefaultBoard is null)
        {
            errors.Add("DefaultBoard is required.");
        }

        errors.AddRange(Boards.Keys.Where(slot => slot < 1 || slot > SlotCount)
            .Select(slot => $"Boards lists slot {slot}, outside 1..{SlotCount}."));
        Require(errors, PsuRatedW > 0, $"PsuRatedW must be positive, not {PsuRatedW}.");
        Require(errors, PsuNominalV > 0, $"PsuNominalV must be positive, not {PsuNominalV}.");
        Require(errors, PsuInternalResistanceOhm >= 0, $"PsuInternalResistanceOhm must not be negative, not {PsuInternalResistanceOhm}.");
        Require(errors, PsuOverloadDroopFactor >= 1, $"PsuOverloadDroopFactor must be at least 1, not {PsuOverloadDroopFactor}.");
        Require(errors, ExhaustRiseCPerW >= 0, $"ExhaustRiseCPerW must not be negative, not {ExhaustRiseCPerW}.");
        Require(errors, ThermalTimeConstantS > 0, $"ThermalTimeConstantS must be positive, not {ThermalTimeConstantS}.");
        Require(errors, FanCoolingGain >= 0, $"FanCoolingGain must not be negative, not {FanCoolingGain}.");
        Require(errors, MaxSubStep > TimeSpan.Zero, $"MaxSubStep must be positive, not {MaxSubStep}.");
        return errors;
    }

    /// <summary>The board a slot starts with, or null for an empty slot.</summary>
    public PiProfile? BoardFor(int slot) => Boards.TryGetValue(slot, out var board) ? board : DefaultBoard;

    private static void Require(List<string> errors, bool condition, string error)
    {
        if (!condition)
        {
            errors.Add(error);
        }
    }
}
