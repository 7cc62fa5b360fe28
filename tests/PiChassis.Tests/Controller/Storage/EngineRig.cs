using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Sampling;

namespace PiChassis.Tests.Controller.Storage;

/// <summary>
/// A power engine on recording relays, fed hand-made sweeps: each slot draws <see cref="DrawW"/>
/// while its relay is closed. One rig is one controller run; a restart is a new rig on the same relays.
/// </summary>
internal sealed class EngineRig
{
    private readonly long _start;
    private long _sweep;

    public EngineRig(
        TimeProvider time,
        IEventJournal journal,
        IReadOnlyList<RecordingRelay> relays,
        IReadOnlyList<RestorePolicy>? restore = null,
        Action<PowerOptions>? power = null,
        INodeAgent? agent = null,
        IPowerOnHistory? powerOns = null)
    {
        Time = time;
        Relays = relays;
        power?.Invoke(Power);
        Events = new ChassisEvents(journal, time);
        Engine = new PowerEngine(
            relays.Select((relay, i) => new EngineSlot(i + 1, $"node{i + 1:D2}", 0, relay) { RestorePolicy = restore?[i] ?? RestorePolicy.Last }),
            Power, new ProtectionOptions(), new WatchdogOptions(), agent ?? Mock.Of<INodeAgent>(), Events, time, NullLogger<PowerEngine>.Instance, powerOns);
        DrawW = [.. relays.Select(_ => 3.0)];
        _start = time.GetTimestamp();
    }

    public TimeProvider Time { get; }

    public IReadOnlyList<RecordingRelay> Relays { get; }

    public PowerOptions Power { get; } = new();

    public ChassisEvents Events { get; }

    public PowerEngine Engine { get; }

    public double[] DrawW { get; }

    public static RecordingRelay[] RelaysFound(params bool[] closed) => [.. closed.Select(c => new RecordingRelay(c))];

    /// <summary>What the sampler would publish now.</summary>
    public ChassisSnapshot Sweep() => new(
        ++_sweep,
        Time.GetUtcNow(),
        Time.GetElapsedTime(_start),
        5.0,
        [.. Relays.Select((relay, i) => new SlotSample(i + 1, relay.IsClosed, relay.IsClosed ? DrawW[i] / 5 : 0, 5.0, relay.IsClosed ? DrawW[i] : 0, false, 0, null))],
        []);

    public SlotState State(int slot) => Engine.States[slot - 1];

    public static PersistedSlot Stored(int slot, SlotPhase phase, bool desiredOn, SlotFault? fault = null) =>
        new(slot, $"node{slot:D2}", phase, desiredOn, SlotPolicy.Manual, false, fault, 0, null, false);
}
