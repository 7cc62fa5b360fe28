using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;
using PiChassis.Hardware;

namespace PiChassis.Tests.Controller.Mqtt;

/// <summary>A power engine on plain relays and a fake clock, for the MQTT parts that sit on it.</summary>
internal sealed class TestEngine
{
    public TestEngine(int slots = 4, bool powered = false)
    {
        Relays = [.. Enumerable.Range(1, slots).Select(_ => new Relay { IsClosed = powered })];
        Events = new ChassisEvents(Journal, Time);
        Engine = new PowerEngine(
            Relays.Select((r, i) => new EngineSlot(i + 1, $"node{i + 1:D2}", 0, r)),
            new PowerOptions(), new ProtectionOptions(), new WatchdogOptions(), Agent, Events, Time, NullLogger<PowerEngine>.Instance);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));

    public MemoryEventJournal Journal { get; } = new();

    public RecordingAgent Agent { get; } = new();

    public ChassisEvents Events { get; }

    public PowerEngine Engine { get; }

    public IReadOnlyList<Relay> Relays { get; }

    public SlotState State(int slot) => Engine.States[slot - 1];

    /// <summary>Powers the slot on: with budget and no stagger pending the relay closes at once and the slot boots.</summary>
    public CommandResult PowerOn(int slot) => Engine.Execute(new SlotCommand(slot, SlotAction.On, CommandOrigin.Remote, "test"));

    public sealed class Relay : IRelay
    {
        public bool IsClosed { get; set; }

        public void Set(bool closed) => IsClosed = closed;
    }

    /// <summary>Records whom the engine asked to halt; nobody halts.</summary>
    public sealed class RecordingAgent : INodeAgent
    {
        public List<(int Slot, string Node)> Halts { get; } = [];

        public void RequestHalt(int slot, string node) => Halts.Add((slot, node));
    }
}
