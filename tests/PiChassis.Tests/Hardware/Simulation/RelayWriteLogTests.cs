using Microsoft.Extensions.Time.Testing;
using PiChassis.Hardware.Expander;
using PiChassis.Hardware.Relays;
using PiChassis.Hardware.Simulation;
using PiChassis.Hardware.Simulation.Physics;

namespace PiChassis.Tests.Hardware.Simulation;

public sealed class RelayWriteLogTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"relay-writes-{Guid.NewGuid():N}.log");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Attach_DriversTakeOverThenSwitch_LogsOnlyTheRelayOutputChanges()
    {
        var wiring = new SimulatedWiring(
            [new SimulatedSlotWiring(1, 0x40, 0.01, 0x20, 0, false), new SimulatedSlotWiring(2, 0x41, 0.01, 0x20, 1, true)], 0x18, 0x19, []);
        using var buses = new SimulatedChassisBuses(
            new SimulatedChassis(_time, new ChassisModelOptions { SlotCount = 2 }), wiring, _time, stateFile: null, startPowered: true);
        var log = RelayWriteLog.Attach(buses, wiring.Slots, _path, _time);
        var expander = Mcp23017Expander.Open(buses.OpenI2c(0x20));
        var relay1 = new ExpanderRelay(expander, 0, activeLow: false);
        var relay2 = new ExpanderRelay(expander, 1, activeLow: true);

        relay1.Set(true);
        expander.ConfigureOutput(5, true);
        _time.Advance(TimeSpan.FromSeconds(1));
        relay1.Set(false);
        relay2.Set(false);

        Assert.Equal(_path, log.FilePath);
        Assert.Equal(
            [
                "2026-11-28T09:00:01.0000000+00:00 slot 1 mcp23017@0x20 pin 0 low",
                "2026-11-28T09:00:01.0000000+00:00 slot 2 mcp23017@0x20 pin 1 high",
            ],
            File.ReadAllLines(_path));
    }
}
