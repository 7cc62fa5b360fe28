using PiChassis.Controller.Engine;
using PiChassis.Controller.Mqtt;
using PiChassis.Controller.Sampling;

namespace PiChassis.Tests.Controller.Mqtt;

public class PayloadFactoryTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(SlotPhase.ShuttingDown, SlotPolicy.AlwaysOn, "shutting_down", "always_on")]
    [InlineData(SlotPhase.Queued, SlotPolicy.AlwaysOff, "queued", "always_off")]
    [InlineData(SlotPhase.Fault, SlotPolicy.Auto, "fault", "auto")]
    public void State_WireNames_AsTheContractSpellsThem(SlotPhase phase, SlotPolicy policy, string wirePhase, string wirePolicy)
    {
        var state = new SlotState(2, "node02", true, phase, policy, true, new SlotFault("overcurrent", "3 A", At), At, 7, false);

        var payload = PayloadFactory.State(state, At);

        Assert.Equal("on", payload.Power);
        Assert.Equal(wirePhase, payload.Phase);
        Assert.Equal(wirePolicy, payload.Policy);
        Assert.True(payload.Locked);
        Assert.Equal("overcurrent", payload.Fault!.Code);
        Assert.Equal(7, payload.RelayCycles);
    }

    [Fact]
    public void SlotTelemetry_OpenRelay_NoPowerButTheMeasuredCurrent()
    {
        var payload = PayloadFactory.SlotTelemetry(new SlotSample(1, false, 0.01234, 5.0123, 0.06, false, 0, null), 12.34567, At);

        Assert.Equal(0, payload.PowerW);
        Assert.Equal(0.012, payload.CurrentA);
        Assert.Equal(5.012, payload.VoltageV);
        Assert.Equal(12.346, payload.EnergyWh);
    }

    [Fact]
    public void ChassisTelemetry_SumsPoweredSlotsAndCountsThemOn()
    {
        var snapshot = new ChassisSnapshot(1, At, TimeSpan.Zero, 5.01,
            [new SlotSample(1, true, 0.6, 5, 3, false, 0, null), new SlotSample(2, false, 0.1, 5, 0.5, false, 0, null)],
            [new ProbeSample("inlet", 24.123, false, 0, null), new ProbeSample("exhaust", null, true, 3, "nack")]);
        SlotState[] states =
        [
            new(1, "node01", true, SlotPhase.On, SlotPolicy.Manual, false, null, At, 0, false),
            new(2, "node02", false, SlotPhase.Off, SlotPolicy.Manual, false, null, At, 0, false),
        ];

        var payload = PayloadFactory.ChassisTelemetry(snapshot, states, 60, 40.5, 37.26, At);
        var noFan = PayloadFactory.ChassisTelemetry(snapshot, states, 60, 40.5, null, At);

        Assert.Equal(3, payload.TotalPowerW);
        Assert.Equal(1, payload.SlotsOn);
        Assert.Equal(5.01, payload.BusVoltageV);
        Assert.Equal(24.12, payload.TemperaturesC["inlet"]);
        Assert.Null(payload.TemperaturesC["exhaust"]);
        Assert.Equal(37.3, payload.FanDutyPct);
        Assert.Null(noFan.FanDutyPct);
    }
}
