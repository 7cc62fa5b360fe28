using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PiChassis.Controller.ChassisHardware;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Sampling;
using PiChassis.Controller.Simulation;
using PiChassis.Hardware.Simulation;
using PiChassis.Hardware.Simulation.Physics;

namespace PiChassis.Tests.TestSupport;

/// <summary>
/// The whole controller core on the simulated chassis, driven by a fake clock: emulated chips,
/// the real drivers, the sampler and the power engine, ticked one sample interval at a time.
/// </summary>
public sealed class SimulatedRig : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    public SimulatedRig(
        int slots = 8,
        Action<ChassisModelOptions>? model = null,
        Action<ChassisOptions>? chassis = null,
        Action<PowerOptions>? power = null,
        Action<ProtectionOptions>? protection = null,
        Action<WatchdogOptions>? watchdog = null,
        bool startPowered = false,
        INodeAgent? agent = null,
        int journalCapacity = 100_000,
        DateTimeOffset? start = null,
        IReadOnlyCollection<int>? autoscaled = null)
    {
        Journal = new MemoryEventJournal(journalCapacity);
        Time = new FakeTimeProvider(start ?? Start);
        var modelOptions = new ChassisModelOptions { SlotCount = slots, PsuRatedW = 80 };
        model?.Invoke(modelOptions);
        Chassis = new SimulatedChassis(Time, modelOptions);
        ChassisOptions = new ChassisOptions { SlotCount = slots };
        chassis?.Invoke(ChassisOptions);
        DefaultWiring.ApplyTo(ChassisOptions);
        Buses = new SimulatedChassisBuses(Chassis, SimulatedWiringMap.From(ChassisOptions), Time, stateFile: null, startPowered);
        Devices = ChassisDevicesFactory.Open(ChassisOptions, Buses, Time);
        Sampler = new Sampler(Devices, Time, Options.Create(Sampling), NullLogger<Sampler>.Instance);
        power?.Invoke(Power);
        protection?.Invoke(Protection);
        watchdog?.Invoke(Watchdog);
        Events = new ChassisEvents(Journal, Time);
        _agent = agent ?? new SimulatedNodeAgent(Chassis);
        _autoscaled = autoscaled;
        Engine = CreateEngine();
    }

    private readonly INodeAgent _agent;
    private readonly IReadOnlyCollection<int>? _autoscaled;

    // What the store keeps of the power-ons across a controller restart.
    private readonly MemoryPowerOnHistory _powerOns = new();

    public FakeTimeProvider Time { get; }

    public SimulatedChassis Chassis { get; }

    public ChassisOptions ChassisOptions { get; }

    public SimulatedChassisBuses Buses { get; }

    public ChassisDevices Devices { get; private set; }

    public SamplingOptions Sampling { get; } = new();

    public PowerOptions Power { get; } = new();

    public ProtectionOptions Protection { get; } = new();

    public WatchdogOptions Watchdog { get; } = new();

    public MemoryEventJournal Journal { get; }

    public ChassisEvents Events { get; }

    public Sampler Sampler { get; private set; }

    public PowerEngine Engine { get; private set; }

    /// <summary>Slots whose simulated agent stays silent (a hung node).</summary>
    public HashSet<int> SilentNodes { get; } = [];

    /// <summary>Whether the simulated agents send heartbeats (every 5 s, as the real agent).</summary>
    public bool Heartbeats { get; set; } = true;

    public ChassisSnapshot? Last { get; private set; }

    /// <summary>Advances one sample interval, sweeps, and hands the snapshot to the engine.</summary>
    public ChassisSnapshot Step()
    {
        var before = Time.GetUtcNow();
        Time.Advance(Sampling.Interval);
        if (Heartbeats && (Time.GetUtcNow() - Start).Ticks / TimeSpan.TicksPerSecond / 5 != (before - Start).Ticks / TimeSpan.TicksPerSecond / 5)
        {
            Beat();
        }

        Last = Sampler.Sweep();
        Engine.OnSnapshot(Last);
        return Last;
    }

    /// <summary>Steps for <paramref name="duration"/>, calling <paramref name="check"/> after each step.</summary>
    public void Run(TimeSpan duration, Action<ChassisSnapshot>? check = null)
    {
        var end = Time.GetUtcNow() + duration;
        while (Time.GetUtcNow() < end)
        {
            var snapshot = Step();
            check?.Invoke(snapshot);
        }
    }

    /// <summary>Steps until <paramref name="done"/> holds; false after <paramref name="limit"/>.</summary>
    public bool RunUntil(Func<bool> done, TimeSpan limit)
    {
        var end = Time.GetUtcNow() + limit;
        while (!done())
        {
            if (Time.GetUtcNow() >= end)
            {
                return false;
            }

            Step();
        }

        return true;
    }

    public void Beat()
    {
        foreach (var slot in Chassis.Slots.Where(s => s.IsUp && !SilentNodes.Contains(s.Number)))
        {
            Engine.OnHeartbeat(Engine.States[slot.Number - 1].Node);
        }
    }

    public CommandResult Execute(int slot, SlotAction action, CommandOrigin origin = CommandOrigin.Remote, string source = "test", SlotPolicy? policy = null) =>
        Engine.Execute(new SlotCommand(slot, action, origin, source, policy));

    public SlotState State(int slot) => Engine.States[slot - 1];

    public IReadOnlyList<ChassisEvent> EventsOf(string type, int? slot = null) =>
        Journal.Read(0, int.MaxValue).Where(e => e.Type == type && (slot is null || e.Slot == slot)).ToList();

    /// <summary>The ground truth: watts the simulated boards draw right now.</summary>
    public double TruePowerW => Chassis.Slots.Sum(s => s.PowerW);

    /// <summary>
    /// A controller restart: the drivers, sampler and engine are made anew over the same chassis,
    /// which keeps running; the new engine adopts the relays, gets back what the store kept of each
    /// slot, its power-ons and its energy counters, and starts up as the controller does.
    /// </summary>
    public ChassisEvent RestartController()
    {
        var persisted = Engine.Persisted();
        var (day, energy) = (Engine.Energy.Day, Engine.Energy.All);
        Devices.Dispose();
        Devices = ChassisDevicesFactory.Open(ChassisOptions, Buses, Time);
        Sampler = new Sampler(Devices, Time, Options.Create(Sampling), NullLogger<Sampler>.Instance);
        Engine = CreateEngine();
        foreach (var slot in persisted)
        {
            Engine.Restore(slot);
        }

        Engine.Energy.Restore(day, energy);
        Last = null;
        return Engine.StartUp();
    }

    public void Dispose()
    {
        Devices.Dispose();
        Buses.Dispose();
    }

    private PowerEngine CreateEngine() => new(
        Devices.Slots.Select(s => new EngineSlot(s.Slot, s.Node, ChassisOptions.Slots[s.Slot - 1].Priority, s.Relay) { Autoscaled = _autoscaled?.Contains(s.Slot) == true }),
        Power, Protection, Watchdog, _agent, Events, Time, NullLogger<PowerEngine>.Instance, _powerOns);
}
