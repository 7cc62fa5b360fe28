using Microsoft.Extensions.Logging.Abstractions;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Cooling;
using PiChassis.Controller.Sampling;
using PiChassis.Hardware.Simulation;
using PiChassis.Hardware.Simulation.Faults;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Tests.Controller.Cooling;

public class FanControllerTests
{
    private readonly SnapshotHub _hub = new();
    private readonly CountingFan _fan = new();

    [Fact]
    public void Update_FreshProbes_HottestThroughTheCurve()
    {
        var controller = Create();

        controller.Update([Probe("inlet", 25), Probe("exhaust", 45)]);

        Assert.Equal(65, controller.DutyPercent);
        Assert.Equal(65, _fan.DutyPercent);
    }

    [Fact]
    public void Update_AnyProbeStale_FullSpeed()
    {
        var controller = Create();
        controller.Update([Probe("inlet", 25), Probe("exhaust", 30)]);
        var coolDuty = controller.DutyPercent;

        controller.Update([Probe("inlet", 25), Probe("exhaust", 30) with { Stale = true }]);

        Assert.Equal(0, coolDuty);
        Assert.Equal(100, controller.DutyPercent);
    }

    [Fact]
    public void Update_NoProbeHasReadYet_FullSpeed()
    {
        var controller = Create();

        controller.Update([new ProbeSample("inlet", null, true, 0, null)]);

        Assert.Equal(100, _fan.DutyPercent);
    }

    [Fact]
    public void Update_TemperatureHoveringAtTheThreshold_FanWrittenOnceNoHunting()
    {
        var controller = Create();

        for (var i = 0; i < 500; i++)
        {
            controller.Update([Probe("exhaust", i % 2 == 0 ? 35.1 : 34.9)]);
        }

        Assert.Equal(1, _fan.Writes);
        Assert.Equal(30, controller.DutyPercent);
    }

    [Fact]
    public void DutyPercent_NoFanFitted_Null()
    {
        var controller = new FanController(_hub, [], Cooling(), NullLogger<FanController>.Instance);

        controller.Update([Probe("exhaust", 50)]);

        Assert.False(controller.Fitted);
        Assert.Null(controller.DutyPercent);
    }

    [Fact]
    public async Task StopAsync_FanCool_LeftAtFullSpeed()
    {
        var controller = Create();
        await controller.StartAsync(CancellationToken.None);
        _hub.Publish(Snapshot(Probe("exhaust", 20)));
        var running = _fan.DutyPercent;

        await controller.StopAsync(CancellationToken.None);
        _hub.Publish(Snapshot(Probe("exhaust", 20)));

        Assert.Equal(0, running);
        Assert.Equal(100, _fan.DutyPercent);
    }

    [Fact]
    public void SimulatedChassis_FanRuns_ExhaustCoolsAndStaleProbeRunsItFlatOut()
    {
        using var rig = new SimulatedRig(slots: 8, model: m => m.AmbientC = 30, startPowered: true);
        var fan = new SimulatedFan(rig.Chassis);
        fan.SetDuty(0);
        using var controller = new FanController(_hub, [fan], Cooling(), NullLogger<FanController>.Instance);
        rig.Time.Advance(TimeSpan.FromMinutes(20));
        var warmC = rig.Chassis.Exhaust.TemperatureC;

        for (var s = 0; s < 600; s++)
        {
            controller.Update(rig.Sampler.Sweep().Probes);
            rig.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var cooledC = rig.Chassis.Exhaust.TemperatureC;
        var runningDuty = fan.DutyPercent;
        rig.Buses.InjectFault(DefaultWiring.ExhaustProbeAddress, I2cFaultPlan.Always(I2cFaultMode.Nack));
        controller.Update(rig.Sampler.Sweep().Probes);

        Assert.InRange(warmC, 38, 45);
        Assert.InRange(runningDuty, 30, 99);
        Assert.True(cooledC < warmC - 3, $"exhaust {warmC:F1} °C -> {cooledC:F1} °C with the fan at {runningDuty} %");
        Assert.Equal(100, rig.Chassis.FanDutyPercent);
    }

    private static ProbeSample Probe(string name, double temperatureC) => new(name, temperatureC, false, 0, null);

    private static ChassisSnapshot Snapshot(params ProbeSample[] probes) =>
        new(1, DateTimeOffset.UnixEpoch, TimeSpan.Zero, 5.1, [], [.. probes]);

    private static CoolingOptions Cooling()
    {
        var options = new CoolingOptions();
        options.Curve.AddRange(CoolingOptions.DefaultCurve);
        return options;
    }

    private FanController Create() => new(_hub, [_fan], Cooling(), NullLogger<FanController>.Instance);
}
