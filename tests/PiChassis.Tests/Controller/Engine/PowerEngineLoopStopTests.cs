using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Sampling;
using PiChassis.Tests.Controller.Mqtt;

namespace PiChassis.Tests.Controller.Engine;

public sealed class PowerEngineLoopStopTests
{
    [Fact]
    public async Task StopAsync_ShutdownTimeRunsOutWhileWorkStillRuns_ReturnsAndWarnsInsteadOfThrowing()
    {
        // Other services may spend the host's whole shutdown time before this one stops: the stop must go on.
        var engine = new TestEngine();
        var logger = new FakeLogger<PowerEngineLoop>();
        var loop = new PowerEngineLoop(engine.Engine, new SnapshotHub(), logger, time: engine.Time);
        await loop.StartAsync(CancellationToken.None);
        using var release = new ManualResetEventSlim();
        var busy = loop.RunAsync(_ => release.Wait(TimeSpan.FromSeconds(30)));

        await loop.StopAsync(new CancellationToken(canceled: true));

        Assert.False(loop.Completion.IsCompleted);
        Assert.Contains(logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Id.Id == 211);
        release.Set();
        Assert.True(await busy);
        await loop.Completion;
    }
}
