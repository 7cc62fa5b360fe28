namespace PiChassis.Hardware.Simulation.Physics;

/// <summary>
/// The physical chassis the emulated chips measure: one supply, N slots, the air temperature.
/// Time advances lazily: every read or command first integrates from the last update to the
/// <see cref="TimeProvider"/>'s now, so the results do not depend on how often it is looked at.
/// Thread-safe: one lock guards the whole model.
/// </summary>
public sealed partial class SimulatedChassis
{
    private readonly TimeProvider _time;
    private readonly ThermalModel _thermal;
    private readonly SimulatedSlot[] _slots;
    private readonly long _maxSubStepTicks;
    private long _originTimestamp;
    private long _simulatedTicks;

    public SimulatedChassis(TimeProvider time, ChassisModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid chassis model: " + string.Join(" ", errors), nameof(options));
        }

        _time = time;
        _originTimestamp = time.GetTimestamp();
        _maxSubStepTicks = options.MaxSubStep.Ticks;
        Psu = new SimulatedPsu(options.PsuRatedW, options.PsuNominalV, options.PsuInternalResistanceOhm, options.PsuOverloadDroopFactor);
        _thermal = new ThermalModel(options.AmbientC, options.ExhaustRiseCPerW, options.ThermalTimeConstantS, options.FanCoolingGain);
        _slots = [.. Enumerable.Range(1, options.SlotCount).Select(n => new SimulatedSlot(this, n, options.BoardFor(n)))];
        Inlet = new ChassisTemperatureProbe(() => Synced(() => _thermal.AmbientC));
        Exhaust = new ChassisTemperatureProbe(() => Synced(() => _thermal.ExhaustC));
    }

    public SimulatedPsu Psu { get; }

    /// <summary>Slots in order; <c>Slots[0]</c> is slot 1.</summary>
    public IReadOnlyList<SimulatedSlot> Slots => _slots;

    /// <summary>The inlet air probe (reads the ambient).</summary>
    public ITemperatureSource Inlet { get; }

    /// <summary>The exhaust air probe.</summary>
    public ITemperatureSource Exhaust { get; }

    public double AmbientC
    {
        get => Synced(() => _thermal.AmbientC);
        set => Synced(() => _thermal.AmbientC = value);
    }

    /// <summary>Chassis fan duty 0..100 %; more duty, less exhaust rise per watt.</summary>
    public double FanDutyPercent
    {
        get => Synced(() => _thermal.FanDutyPercent);
        set => Synced(() => _thermal.FanDutyPercent = value);
    }

    /// <summary>Voltage of the shared 5 V bus.</summary>
    public double BusVoltageV => Synced(BusVoltageLockedV);

    public double TotalCurrentA => Synced(() =>
    {
        var busV = BusVoltageLockedV();
        return _slots.Sum(s => s.CurrentLockedA(busV));
    });

    /// <summary>Ground truth energy delivered to all slots (Wh).</summary>
    public double EnergyWh => Synced(() => _slots.Sum(s => s.EnergyLockedJ) / 3600);

    internal Lock Gate { get; } = new();

    /// <summary>The slot with this number (from 1).</summary>
    public SimulatedSlot Slot(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, _slots.Length);
        return _slots[number - 1];
    }

    internal double BusVoltageLockedV() =>
        Psu.SolveBusVoltageV(_slots.Sum(s => s.NodePowerLockedW), _slots.Sum(s => s.ShortDrawLockedA));

    private T Synced<T>(Func<T> read)
    {
        lock (Gate)
        {
            SyncLocked();
            return read();
        }
    }
}
