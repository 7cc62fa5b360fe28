using PiChassis.Controller.ConsoleView;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Panel;
using PiChassis.Controller.Sampling;

namespace PiChassis.Tests.Controller.ConsoleView;

public class StatusTableTests
{
    private static readonly ChassisSnapshot Snapshot = new(
        1, DateTimeOffset.UnixEpoch, TimeSpan.Zero, 5.1,
        [new SlotSample(1, true, 0.5, 5.1, 2.55, false, 0, null), new SlotSample(2, false, 0, 5.1, 0, false, 0, null)],
        [new ProbeSample("exhaust", 31.5, false, 0, null)]);

    private static readonly SlotState[] States =
    [
        new(1, "node01", true, SlotPhase.Booting, SlotPolicy.Manual, false, null, DateTimeOffset.UnixEpoch, 1, false),
        new(2, "node02", false, SlotPhase.Off, SlotPolicy.Manual, false, null, DateTimeOffset.UnixEpoch, 0, false),
    ];

    [Fact]
    public void Render_WithPanel_LedColumnFanAndStatusLed()
    {
        var panel = new PanelReadout(new Dictionary<int, LedPattern> { [1] = LedPatterns.FastBlink, [2] = LedPatterns.Off }, LedPatterns.SlowBlink, 40);

        var lines = StatusTable.Render(Snapshot, States, panel).Split(Environment.NewLine);

        Assert.Contains("fan 40 %", lines[0], StringComparison.Ordinal);
        Assert.Contains("status LED ◐ slow blink", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("LED", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("◑ fast blink", lines[2], StringComparison.Ordinal);
        Assert.EndsWith("○", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WithoutPanel_NoLedColumn()
    {
        var text = StatusTable.Render(Snapshot, States);

        Assert.DoesNotContain("LED", text, StringComparison.Ordinal);
        Assert.DoesNotContain("fan", text, StringComparison.Ordinal);
    }
}
