using System.Device.Gpio;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PiChassis.Controller.ChassisHardware;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Panel;
using PiChassis.Controller.Sampling;
using PiChassis.Controller.Simulation;
using PiChassis.Hardware.Simulation;
using PiChassis.Hardware.Simulation.Chips;
using PiChassis.Hardware.Simulation.Physics;

namespace PiChassis.Tests.Controller.Panel;

/// <summary>
/// A simulated chassis with its real drivers, engine, loop and panel on a fake clock. Time moves
/// only in small steps, and after each step the test waits for the engine loop to finish what the
/// step queued, so the loop's thread never races the clock.
/// </summary>
internal sealed class PanelRig : IAsyncDisposable
{
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(5);

    private PanelRig(int slots, bool startPowered, PanelOptions panel, ProtectionOptions protection, IBrokerStatus broker)
    {
        Chassis = new ChassisOptions { SlotCount = slots };
        DefaultWiring.ApplyTo(Chassis);
        Physics = new SimulatedChassis(Time, new ChassisModelOptions { SlotCount = slots });
        Buses = new SimulatedChassisBuses(Physics, SimulatedWiringMap.From(Chassis), Time, null, startPowered);
        Devices = ChassisDevicesFactory.Open(Chassis, Buses, Time);
        Events = new ChassisEvents(Journal, Time);
        Engine = new PowerEngine(
            Devices.Slots.Select(s => new EngineSlot(s.Slot, s.Node, 0, s.Relay)),
            new PowerOptions(),
            protection,
            new WatchdogOptions(),
            new SimulatedNodeAgent(Physics),
            Events,
            Time,
            NullLogger<PowerEngine>.Instance);
        Sampler = new Sampler(Devices, Time, Options.Create(new SamplingOptions()), NullLogger<Sampler>.Instance);
        Loop = new PowerEngineLoop(Engine, Hub, NullLogger<PowerEngineLoop>.Instance);
        Panel = new PanelService(Devices, Loop, Events, broker, Time, Options.Create(panel), NullLogger<PanelService>.Instance);
    }

    public FakeTimeProvider Time { get; } = new();

    public ChassisOptions Chassis { get; }

    public SimulatedChassis Physics { get; }

    public SimulatedChassisBuses Buses { get; }

    public ChassisDevices Devices { get; }

    public MemoryEventJournal Journal { get; } = new();

    public ChassisEvents Events { get; }

    public PowerEngine Engine { get; }

    public SnapshotHub Hub { get; } = new();

    public Sampler Sampler { get; }

    public PowerEngineLoop Loop { get; }

    public PanelService Panel { get; }

    /// <summary>The MCP23017 that carries the slot LEDs (wiring.md: 0x21, slot n on pin n-1).</summary>
    public EmulatedMcp23017 LedChip => Buses.Expanders[DefaultWiring.LedExpanderAddress];

    public static async Task<PanelRig> StartAsync(
        int slots = 4,
        bool startPowered = false,
        PanelOptions? panel = null,
        ProtectionOptions? protection = null,
        IBrokerStatus? broker = null)
    {
        var rig = new PanelRig(slots, startPowered, panel ?? new PanelOptions { LampTest = TimeSpan.Zero }, protection ?? new ProtectionOptions(), broker ?? new NoBrokerStatus());
        await rig.Loop.StartAsync(CancellationToken.None);
        await rig.Panel.StartAsync(CancellationToken.None);

        // Opening the pins journals their levels at the start time; keep them apart from what a test does.
        await rig.AdvanceAsync(Step);
        return rig;
    }

    public int ButtonPin(int slot) => Chassis.Slots[slot - 1].ButtonPin!.Value;

    public int MasterPin => Chassis.MasterButtonPin!.Value;

    public int StatusPin => Chassis.StatusLedPin!.Value;

    public SlotState State(int slot) => Engine.States[slot - 1];

    public IEnumerable<ChassisEvent> EventsOf(string type) => Journal.Read(0, int.MaxValue).Where(e => e.Type == type);

    /// <summary>Waits until the engine loop has done everything queued so far.</summary>
    public Task SettleAsync() => Loop.RunAsync(_ => true);

    public async Task AdvanceAsync(TimeSpan duration)
    {
        for (var left = duration; left > TimeSpan.Zero; left -= Step)
        {
            Time.Advance(left < Step ? left : Step);
            await SettleAsync();
        }
    }

    /// <summary>One sampling sweep, handed to the engine as the sampling service would.</summary>
    public Task SampleAsync()
    {
        Hub.Publish(Sampler.Sweep());
        return SettleAsync();
    }

    public Task<CommandResult> ExecuteAsync(int slot, SlotAction action, CommandOrigin origin = CommandOrigin.Remote) =>
        Loop.ExecuteAsync(new SlotCommand(slot, action, origin, origin.ToString().ToLowerInvariant()));

    /// <summary>Holds the button down (line low) for <paramref name="hold"/>, releases it and lets the gesture settle.</summary>
    public async Task PressAsync(int pin, TimeSpan hold)
    {
        Buses.GpioDriver.SetInputLevel(pin, PinValue.Low);
        await AdvanceAsync(hold);
        Buses.GpioDriver.SetInputLevel(pin, PinValue.High);
        await AdvanceAsync(TimeSpan.FromSeconds(1));
    }

    public async ValueTask DisposeAsync()
    {
        await Panel.StopAsync(CancellationToken.None);
        await Loop.StopAsync(CancellationToken.None);
        Devices.Dispose();
        Buses.Dispose();
    }
}
