using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Hosting;
using PiChassis.Controller.Policy;
using PiChassis.Controller.Sampling;

namespace PiChassis.Tests.Controller.Policy;

public class CapacityPolicyServiceTests
{
    [Fact]
    public async Task SetTargetAsync_ThroughTheEngineLoop_AnswersAndTickReevaluates()
    {
        using var p = new PolicyRig(2);
        var hub = new SnapshotHub();
        var loop = new PowerEngineLoop(p.Rig.Engine, hub, NullLogger<PowerEngineLoop>.Instance);
        var service = new CapacityPolicyService(p.Policy, loop, hub, p.Rig.Time, Options.Create(p.Options), NullLogger<CapacityPolicyService>.Instance);
        await loop.StartAsync(CancellationToken.None);
        await service.StartAsync(CancellationToken.None);

        var result = await service.SetTargetAsync(1, 0, "mqtt");
        var lease = await service.SetLeaseAsync(2, p.Rig.Time.GetUtcNow().AddHours(1), "mqtt");
        Assert.True(result.Ok);
        Assert.Equal(1, result.Running);
        Assert.True(lease.Ok);

        // Someone else cuts the slot; the next tick brings the capacity back.
        var cut = await loop.ExecuteAsync(new SlotCommand(p.SlotsIn(SlotPhase.Queued).Concat(p.SlotsIn(SlotPhase.Booting)).Single(), SlotAction.ForceOff, CommandOrigin.Remote, "test"));
        Assert.True(cut.Ok);
        Assert.Equal(0, (await service.StatusAsync()).Running);
        hub.Publish(p.Rig.Sampler.Sweep());
        p.Rig.Time.Advance(p.Options.Interval);

        Assert.Equal(1, (await service.StatusAsync()).Running);
        await service.StopAsync(CancellationToken.None);
        await loop.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void AddPiChassisController_BadPolicySettings_ListedByTheConfigurationCheck()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Policy:IdleW"] = "-1", ["Policy:Interval"] = "00:10:00" })
            .Build();
        var services = new ServiceCollection().AddLogging().AddPiChassisController(configuration);
        using var provider = services.BuildServiceProvider();

        var errors = ConfigurationCheck.Collect(provider);

        Assert.Contains(errors, e => e.StartsWith("Policy:IdleW", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Policy:Interval", StringComparison.Ordinal));
        Assert.Contains(services, d => d.ServiceType == typeof(CapacityPolicyService));
    }
}
