using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Hosting;
using PiChassis.Controller.Storage;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Tests.Controller.Hosting;

/// <summary>
/// The whole controller host on the simulated chassis and a fake clock, under a stand-in for systemd:
/// a fault in an engine step or in a commit stops it (exit code 70) and the watchdog is no longer fed.
/// </summary>
public sealed class ControllerSupervisorTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly string _dataDir = Directory.CreateTempSubdirectory("pichassis-supervisor-").FullName;
    private readonly NotifySocketListener _listener = NotifySocketListener.InTempDirectory();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
    private readonly BreakableStore _store = new();

    public void Dispose()
    {
        _listener.Dispose();
        Directory.Delete(_dataDir, recursive: true);
    }

    [Fact]
    public async Task Host_EngineStepThrows_StopsWithExitCode70AndStopsFeedingTheWatchdog()
    {
        using var host = BuildHost();
        await host.StartAsync();
        await RunAsync(host, TimeSpan.FromSeconds(2));

        host.Services.GetRequiredService<PowerEngineLoop>().Post(_ => throw new InvalidOperationException("injected step fault"));

        await AssertStoppedByFaultAsync(host, "the power engine loop");
    }

    [Fact]
    public async Task Host_CommitThrows_StopsWithExitCode70AndStopsFeedingTheWatchdog()
    {
        using var host = BuildHost();
        await host.StartAsync();
        await RunAsync(host, TimeSpan.FromSeconds(2));

        _store.Break(new InvalidOperationException("injected commit fault"));
        await host.Services.GetRequiredService<PowerEngineLoop>().ExecuteAsync(
            new SlotCommand(1, SlotAction.SetPolicy, CommandOrigin.Remote, "test", SlotPolicy.Auto));

        await AssertStoppedByFaultAsync(host, "the store's writer");
    }

    private async Task AssertStoppedByFaultAsync(IHost host, string what)
    {
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        var stopping = new TaskCompletionSource();
        lifetime.ApplicationStopping.Register(stopping.SetResult);
        await stopping.Task.WaitAsync(Wait);
        _listener.Pending();

        // Sampling goes on until the host has stopped: the watchdog must not be fed meanwhile.
        for (var t = TimeSpan.Zero; t < TimeSpan.FromSeconds(3); t += TimeSpan.FromMilliseconds(100))
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.DoesNotContain("WATCHDOG=1", _listener.Pending());
        Assert.Equal(what, host.Services.GetRequiredService<ControllerFault>().What);
        await host.StopAsync();
    }

    private IHost BuildHost() => FakeClockController.Build(_dataDir, _time, _listener, services => services.AddSingleton<IStoreFaults>(_store));

    private Task RunAsync(IHost host, TimeSpan duration) => FakeClockController.RunAsync(host, _time, duration);

    /// <summary>A store whose next commit throws what it is given.</summary>
    private sealed class BreakableStore : IStoreFaults
    {
        private Exception? _next;

        public void Break(Exception exception) => _next = exception;

        public void BeforeCommit()
        {
            if (Interlocked.Exchange(ref _next, null) is { } e)
            {
                throw e;
            }
        }
    }
}
