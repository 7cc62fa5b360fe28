using System.Device.Gpio;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Panel;
using PiChassis.Controller.Sampling;
using PiChassis.Hardware.Simulation;
using PiChassis.Hardware.Simulation.Chips;
using PiChassis.Hardware.Simulation.Physics;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Tests.Controller.Panel;

/// <summary>
/// A <see cref="SimulatedRig"/> with the engine behind its loop, as the panel uses it, and the
/// panel on top. Time moves only in small steps, and after each step the test waits for the
/// engine loop to finish what the step queued, so the loop's thread never races the clock. The
/// engine is reached only through the loop here, never through the core rig's own stepping.
/// </summary>
internal sealed class PanelRig : IAsyncDisposable
{
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(5);

    private readonly SimulatedRig _core;

    private PanelRig(SimulatedRig core, PanelOptions panel, IBrokerStatus broker)
    {
        _core = core;
        Loop = new PowerEngineLoop(core.Engine, Hub, NullLogger<PowerEngineLoop>.Instance);
        Panel = new PanelService(core.Devices, Loop, core.Events, broker, core.Time, Options.Create(panel), NullLogger<PanelService>.Instance);
    }

    public FakeTimeProvider Time => _core.Time;

    public ChassisOptions Chassis => _core.ChassisOptions;

    public SimulatedChassis Physics => _core.Chassis;

    public SimulatedChassisBuses Buses => _core.Buses;

    public PowerEngine Engine => _core.Engine;

    public SnapshotHub Hub { get; } = new();

    public PowerEngineLoop Loop { get; }

    public PanelService Panel { get; }

    /// <summary>The MCP23017 that carries the slot LEDs (wiring.md: 0x21, slot n on pin n-1).</summary>
    public EmulatedMcp23017 LedChip => Buses.Expanders[DefaultWiring.LedExpanderAddress];

    public int MasterPin => Chassis.MasterButtonPin!.Value;

    public int StatusPin => Chassis.StatusLedPin!.Value;

    public static async Task<PanelRig> StartAsync(
        int slots = 4,
        bool startPowered = false,
        PanelOptions? panel = null,
        Action<ProtectionOptions>? protection = null,
        IBrokerStatus? broker = null)
    {
        var core = new SimulatedRig(slots, protection: protection, startPowered: startPowered);
        var rig = new PanelRig(core, panel ?? new PanelOptions { LampTest = TimeSpan.Zero }, broker ?? new NoBrokerStatus());
        await rig.Loop.StartAsync(CancellationToken.None);
        await rig.Panel.StartAsync(CancellationToken.None);

        // Opening the pins journals their levels at the start time; keep them apart from what a test does.
        await rig.AdvanceAsync(Step);
        return rig;
    }

    public int ButtonPin(int slot) => Chassis.Slots[slot - 1].ButtonPin!.Value;

    public SlotState State(int slot) => Engine.States[slot - 1];

    public IReadOnlyList<ChassisEvent> EventsOf(string type) => _core.EventsOf(type);

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
        Hub.Publish(_core.Sampler.Sweep());
        return SettleAsync();
    }

    public Task<CommandResult> ExecuteAsync(int slot, SlotAction action, CommandOrigin origin = CommandOrigin.Remote, SlotPolicy? policy = null) =>
        Loop.ExecuteAsync(new SlotCommand(slot, action, origin, "test", policy));

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
        _core.Dispose();
    }
}
