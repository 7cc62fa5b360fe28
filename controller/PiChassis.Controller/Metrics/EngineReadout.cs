using System.Collections.Immutable;
using PiChassis.Controller.Engine;

namespace PiChassis.Controller.Metrics;

/// <summary>What a scrape needs from the power engine, copied on the engine's own loop so the scrape never reads its insides.</summary>
public sealed record EngineReadout(
    ImmutableArray<SlotState> States,
    ImmutableArray<SlotEnergy> Energy,
    double ChassisLifetimeWh,
    double HeadroomW,
    double? ChassisTemperatureC)
{
    /// <summary>Must run on the engine's loop (<see cref="PowerEngineLoop.RunAsync{T}"/>).</summary>
    public static EngineReadout From(PowerEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return new EngineReadout(engine.States, engine.Energy.All, engine.Energy.ChassisLifetimeWh, engine.HeadroomW, engine.ChassisTemperatureC);
    }
}
