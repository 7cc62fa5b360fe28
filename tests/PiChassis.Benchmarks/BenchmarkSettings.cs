using PiChassis.Controller.Configuration;
using PiChassis.Hardware.Simulation.Physics;

namespace PiChassis.Benchmarks;

/// <summary>
/// The chassis and the replay: <see cref="Slots"/> Pi 4Bs; each needed node runs at
/// <see cref="LoadFraction"/>; the policy's knobs. A 16-slot chassis gets a 120 W (5.1 V, 24 A)
/// supply with heavier bus wiring (10 mΩ), and a 110 W budget, so sixteen busy Pi 4Bs fit.
/// </summary>
internal sealed record BenchmarkSettings
{
    public int Slots { get; init; } = 16;

    public double LoadFraction { get; init; } = 1.0;

    /// <summary>The sample interval of the replay; the engine and the policy decide once per sample.</summary>
    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Warm spares the scheduler asks the policy for.</summary>
    public int MinSpare { get; init; } = 1;

    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan MinOnTime { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan Hysteresis { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan SpareDelay { get; init; } = new PolicyOptions().SpareDelay;

    /// <summary>Whether a trace of several days is replayed with a controller restart in it.</summary>
    public bool Restart { get; init; } = true;

    /// <summary>The minute of the trace at which the controller restarts; null: noon of the middle day (<see cref="TraceReplay.RestartMinute"/>).</summary>
    public int? RestartAt { get; init; }

    /// <summary>Whether the chassis has its fan; without it, long full-chassis waves reach the shed temperature.</summary>
    public bool Fan { get; init; } = true;

    public static PiProfile Board => PiProfile.Pi4B;

    public double PsuRatedW => Math.Max(80, Slots * 7.5);

    public double PsuBudgetW => PsuRatedW - 10;

    /// <summary>Draw of one needed (busy) node.</summary>
    public double BusyW => Board.RunningPowerW(LoadFraction);
}
