using PiChassis.Controller.Engine;
using PiChassis.Controller.Sampling;
using PiChassis.Shared.Payloads;

namespace PiChassis.Controller.Mqtt;

/// <summary>Turns the engine's and the sampler's records into the payloads of docs/mqtt-api.md, rounded for the wire.</summary>
public static class PayloadFactory
{
    public static SlotStatePayload State(SlotState state, DateTimeOffset ts)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new SlotStatePayload(
            ts,
            state.Slot,
            state.Node,
            state.Power ? "on" : "off",
            PowerEngine.Wire(state.Phase),
            PowerEngine.Wire(state.Policy),
            state.Locked,
            state.Fault is { } fault ? new FaultPayload(fault.Code, fault.Message, fault.At) : null,
            state.Since,
            state.RelayCycles,
            state.PendingNode);
    }

    public static EventPayload Event(ChassisEvent chassisEvent)
    {
        ArgumentNullException.ThrowIfNull(chassisEvent);
        return new EventPayload(chassisEvent.Seq, chassisEvent.At, chassisEvent.Type, chassisEvent.Slot, chassisEvent.Source, chassisEvent.Detail);
    }

    /// <summary>A slot as measured; an open relay reads as no power, however the sensor drifts.</summary>
    public static SlotTelemetryPayload SlotTelemetry(SlotSample sample, double lifetimeWh, DateTimeOffset ts)
    {
        ArgumentNullException.ThrowIfNull(sample);
        return new SlotTelemetryPayload(
            ts,
            sample.Slot,
            Round(sample.BusVoltageV),
            Round(sample.CurrentA),
            Round(PowerW(sample)),
            Round(lifetimeWh));
    }

    public static ChassisTelemetryPayload ChassisTelemetry(
        ChassisSnapshot snapshot,
        IEnumerable<SlotState> states,
        double psuBudgetW,
        double headroomW,
        double? fanDutyPercent,
        DateTimeOffset ts,
        string? store = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new ChassisTelemetryPayload(
            ts,
            Round(snapshot.Slots.Sum(PowerW)),
            snapshot.BusVoltageV is { } v ? Round(v) : null,
            psuBudgetW,
            Round(headroomW),
            states.Count(s => s.Power),
            snapshot.Probes.ToDictionary(p => p.Name, p => p.TemperatureC is { } t ? (double?)Math.Round(t, 2) : null, StringComparer.Ordinal),
            fanDutyPercent is { } duty ? Math.Round(duty, 1) : null,
            store);
    }

    public static double PowerW(SlotSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        return sample.RelayClosed ? Math.Max(0, sample.PowerW) : 0;
    }

    public static double Round(double value) => Math.Round(value, 3);
}
