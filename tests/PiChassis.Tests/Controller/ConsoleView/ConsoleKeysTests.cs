using Microsoft.Extensions.Logging.Abstractions;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.ConsoleView;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Panel;
using PiChassis.Tests.Controller.Panel;

namespace PiChassis.Tests.Controller.ConsoleView;

public class ConsoleKeysTests
{
    [Theory]
    [InlineData('2', 2, "short", SlotPhase.ShuttingDown)]
    [InlineData('w', 2, "long", SlotPhase.Off)]
    [InlineData('s', 2, "double", SlotPhase.On)]
    public async Task Handle_SlotKey_PressesTheSimulatedButton(char key, int slot, string press, SlotPhase phase)
    {
        await using var rig = await PanelRig.StartAsync(startPowered: true);
        using var keys = Keys(rig);

        Assert.True(keys.Handle(key));
        await rig.AdvanceAsync(TimeSpan.FromSeconds(5));

        var pressed = Assert.Single(rig.EventsOf(EventTypes.ButtonPress));
        Assert.Equal(slot, pressed.Slot);
        Assert.Equal(press, (string?)pressed.Detail!["press"]);
        Assert.Equal(phase, rig.State(slot).Phase);
    }

    [Fact]
    public async Task Handle_MasterLongKey_AllOff()
    {
        await using var rig = await PanelRig.StartAsync(startPowered: true);
        using var keys = Keys(rig);

        keys.Handle('M');
        await rig.AdvanceAsync(TimeSpan.FromSeconds(7));

        Assert.Equal("all_off", (string?)Assert.Single(rig.EventsOf(EventTypes.ButtonPress)).Detail!["action"]);
    }

    [Fact]
    public async Task Handle_KeyOfASlotNotFitted_Nothing()
    {
        await using var rig = await PanelRig.StartAsync(slots: 4);
        using var keys = Keys(rig);

        Assert.False(keys.Handle('7'));
        Assert.False(keys.Handle('x'));
    }

    private static ConsoleKeys Keys(PanelRig rig) => new(
        new SimulatedButtonPresser(rig.Buses.GpioDriver, rig.Time),
        rig.Chassis,
        new PanelOptions(),
        new ConsoleViewOptions(),
        NullLogger<ConsoleKeys>.Instance);
}
