using Microsoft.Extensions.Hosting;
using PiChassis.Controller.Engine;
using PiChassis.Hardware.Simulation.Physics;

namespace PiChassis.Controller.Simulation;

/// <summary>
/// Plays the node agents' heartbeats for simulated boards that are up, as the real agent sends
/// them every few seconds.
/// </summary>
public sealed class SimulatedHeartbeats(SimulatedChassis chassis, PowerEngineLoop loop, TimeProvider time) : IHostedService, IAsyncDisposable
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(5);
    private ITimer? _timer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = time.CreateTimer(_ => Beat(), null, Period, Period);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
            _timer = null;
        }
    }

    public ValueTask DisposeAsync() => _timer?.DisposeAsync() ?? ValueTask.CompletedTask;

    public void Beat()
    {
        var up = chassis.Slots.Where(s => s.IsUp).Select(s => s.Number).ToList();
        if (up.Count > 0)
        {
            loop.Post(engine =>
            {
                foreach (var slot in up)
                {
                    engine.OnHeartbeat(engine.States[slot - 1].Node);
                }
            });
        }
    }
}
