using Microsoft.Extensions.Time.Testing;
using PiChassis.Controller.Mqtt;
using PiChassis.Controller.Sampling;

namespace PiChassis.Tests.Controller.Mqtt;

public class TelemetryGateTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly TelemetryGate _gate;

    public TelemetryGateTests()
    {
        _gate = new TelemetryGate(deadbandW: 0.5, minInterval: TimeSpan.FromMilliseconds(500), _time);
    }

    private ChassisSnapshot Snapshot(params double[] powerW) => new(
        1, _time.GetUtcNow(), TimeSpan.Zero, 5,
        [.. powerW.Select((p, i) => new SlotSample(i + 1, true, p / 5, 5, p, false, 0, null))], []);

    [Fact]
    public void Due_FirstSnapshot_SetsTheBaselineOnly()
    {
        Assert.Empty(_gate.Due(Snapshot(3, 3)));
    }

    [Fact]
    public void Due_MoveWithinTheDeadband_NotDue()
    {
        _gate.Due(Snapshot(3, 3));
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Empty(_gate.Due(Snapshot(3.4, 2.6)));
    }

    [Fact]
    public void Due_MoveBeyondTheDeadband_OnlyThatSlot()
    {
        _gate.Due(Snapshot(3, 3));
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal([2], _gate.Due(Snapshot(3, 6)));
    }

    [Fact]
    public void Due_NoisySlot_AtMostOncePerMinInterval()
    {
        _gate.Due(Snapshot(3));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([1], _gate.Due(Snapshot(6)));

        _time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Empty(_gate.Due(Snapshot(3)));
        _time.Advance(TimeSpan.FromMilliseconds(400));
        Assert.Equal([1], _gate.Due(Snapshot(3)));
    }

    [Fact]
    public void Due_OpenRelay_CountsAsNoPower()
    {
        _gate.Due(Snapshot(3));
        _time.Advance(TimeSpan.FromSeconds(1));
        var open = new ChassisSnapshot(2, _time.GetUtcNow(), TimeSpan.Zero, 5, [new SlotSample(1, false, 0.6, 5, 3, false, 0, null)], []);

        Assert.Equal([1], _gate.Due(open));
    }

    [Fact]
    public void Published_MovesTheBaseline()
    {
        _gate.Due(Snapshot(3));
        _time.Advance(TimeSpan.FromSeconds(1));
        _gate.Published(Snapshot(6));
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Empty(_gate.Due(Snapshot(6.2)));
    }
}
