using PiChassis.Controller.Sampling;

namespace PiChassis.Controller.Mqtt;

/// <summary>
/// The deadband: which slots' power moved by more than <c>Telemetry:DeadbandW</c> since they were
/// last published, at most once per <c>Telemetry:MinInterval</c> each. Called on the sampling
/// thread for every snapshot, so it is cheap and locks briefly.
/// </summary>
public sealed class TelemetryGate(double deadbandW, TimeSpan minInterval, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, (double PowerW, long At)> _published = [];

    /// <summary>The slots to publish now; they count as published at their present power.</summary>
    public IReadOnlyList<int> Due(ChassisSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        List<int>? due = null;
        var now = time.GetTimestamp();
        lock (_lock)
        {
            foreach (var sample in snapshot.Slots)
            {
                var power = PayloadFactory.PowerW(sample);
                if (!_published.TryGetValue(sample.Slot, out var last))
                {
                    _published[sample.Slot] = (power, now);
                    continue;
                }

                if (Math.Abs(power - last.PowerW) > deadbandW && time.GetElapsedTime(last.At, now) >= minInterval)
                {
                    _published[sample.Slot] = (power, now);
                    (due ??= []).Add(sample.Slot);
                }
            }
        }

        return due ?? (IReadOnlyList<int>)[];
    }

    /// <summary>A periodic publication: the baseline of every slot moves to what was sent.</summary>
    public void Published(ChassisSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var now = time.GetTimestamp();
        lock (_lock)
        {
            foreach (var sample in snapshot.Slots)
            {
                _published[sample.Slot] = (PayloadFactory.PowerW(sample), now);
            }
        }
    }
}
