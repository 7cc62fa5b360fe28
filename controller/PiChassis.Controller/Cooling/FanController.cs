using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Sampling;
using PiChassis.Hardware;

namespace PiChassis.Controller.Cooling;

/// <summary>
/// Sets the chassis fans from each snapshot's probes: the hottest probe through the curve, full
/// speed while any probe is stale (or none is fitted), since not knowing is no reason to stop
/// cooling. Writes the fans only when the duty changes. When the controller stops, the fans are
/// left at full speed: the nodes keep running without it.
/// </summary>
public sealed partial class FanController : IHostedService, IDisposable
{
    public const double FullDutyPercent = 100;

    private readonly SnapshotHub _hub;
    private readonly IReadOnlyList<IFan> _fans;
    private readonly FanCurve _curve;
    private readonly ILogger<FanController> _logger;
    private readonly Lock _gate = new();
    private double? _dutyPercent;
    private bool _failing;

    /// <param name="fans">The fans to drive; empty: no fan fitted.</param>
    public FanController(SnapshotHub hub, IReadOnlyList<IFan> fans, CoolingOptions options, ILogger<FanController> logger)
    {
        ArgumentNullException.ThrowIfNull(fans);
        ArgumentNullException.ThrowIfNull(options);
        _hub = hub;
        _fans = fans;
        _logger = logger;
        _curve = new FanCurve(options.Curve, options.HysteresisC, options.MinDutyPercent);
        _dutyPercent = fans.Count > 0 ? fans.Max(f => f.DutyPercent) : null;
    }

    public bool Fitted => _fans.Count > 0;

    /// <summary>The duty the fans run at (<c>fan_duty_pct</c> in docs/mqtt-api.md); null when no fan is fitted.</summary>
    public double? DutyPercent
    {
        get
        {
            lock (_gate)
            {
                return Fitted ? _dutyPercent : null;
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (Fitted)
        {
            _hub.Sampled += OnSampled;
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _hub.Sampled -= OnSampled;
        if (Fitted)
        {
            Apply(FullDutyPercent);
        }

        return Task.CompletedTask;
    }

    public void Dispose() => _hub.Sampled -= OnSampled;

    /// <summary>Sets the duty for these probe readings; callable directly, as the sampling thread does.</summary>
    public void Update(IReadOnlyList<ProbeSample> probes)
    {
        ArgumentNullException.ThrowIfNull(probes);
        lock (_gate)
        {
            if (probes.Count == 0 || probes.Any(p => p.Stale || p.TemperatureC is null))
            {
                _curve.Reset();
                Apply(FullDutyPercent);
                return;
            }

            Apply(_curve.DutyFor(probes.Max(p => p.TemperatureC!.Value)));
        }
    }

    private void OnSampled(object? sender, ChassisSnapshot snapshot) => Update(snapshot.Probes);

    private void Apply(double dutyPercent)
    {
        lock (_gate)
        {
            if (dutyPercent == _dutyPercent && !_failing)
            {
                return;
            }

            var before = _dutyPercent;
            _dutyPercent = dutyPercent;
            try
            {
                foreach (var fan in _fans)
                {
                    fan.SetDuty(dutyPercent);
                }

                _failing = false;
                LogDutyChanged(before, dutyPercent);
            }
            catch (HardwareException e)
            {
                if (!_failing)
                {
                    LogFanFailed(e);
                }

                _failing = true;
            }
        }
    }

    [LoggerMessage(EventId = 520, Level = LogLevel.Debug, Message = "Fan duty {Before} % -> {After} %")]
    private partial void LogDutyChanged(double? before, double after);

    [LoggerMessage(EventId = 521, Level = LogLevel.Warning, Message = "A fan could not be set; retrying on every sample")]
    private partial void LogFanFailed(Exception exception);
}
