using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PiChassis.Controller.ChassisHardware;
using PiChassis.Controller.Configuration;
using PiChassis.Hardware;

namespace PiChassis.Controller.Sampling;

/// <summary>
/// The only user of the I2C bus. Each sweep reads every slot's current (the one transaction
/// protection needs), one slot's full conversion in turn (bus voltage, flags), and the probes when
/// they are due. A device that fails is marked stale; the sweep goes on.
/// </summary>
public sealed partial class Sampler
{
    private const double MinPlausibleBusV = 1.0;
    private readonly ChassisDevices _devices;
    private readonly TimeProvider _time;
    private readonly SamplingOptions _options;
    private readonly ILogger<Sampler> _logger;
    private readonly long _startTimestamp;
    private readonly SlotSample[] _slots;
    private readonly ProbeSample[] _probes;
    private long _sweep;
    private int _nextFullRead;
    private TimeSpan _nextProbeRead;
    private double? _busVoltageV;

    public Sampler(ChassisDevices devices, TimeProvider time, IOptions<SamplingOptions> options, ILogger<Sampler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _devices = devices;
        _time = time;
        _options = options.Value;
        _logger = logger;
        _startTimestamp = time.GetTimestamp();
        _slots = devices.Slots
            .Select(s => new SlotSample(s.Slot, s.Relay.IsClosed, 0, 0, 0, s.Sensor is null, 0, s.SensorError))
            .ToArray();
        _probes = devices.Probes.Select(p => new ProbeSample(p.Name, null, true, 0, p.OpenError)).ToArray();
    }

    /// <summary>One sweep of the bus. Callable on its own so tests drive it without a timer.</summary>
    public ChassisSnapshot Sweep()
    {
        var elapsed = _time.GetElapsedTime(_startTimestamp);
        var fullRead = _slots.Length == 0 ? -1 : _nextFullRead;
        for (var i = 0; i < _slots.Length; i++)
        {
            _slots[i] = SampleSlot(_devices.Slots[i], _slots[i], full: i == fullRead);
        }

        _nextFullRead = _slots.Length == 0 ? 0 : (_nextFullRead + 1) % _slots.Length;
        if (elapsed >= _nextProbeRead)
        {
            for (var i = 0; i < _probes.Length; i++)
            {
                _probes[i] = SampleProbe(_devices.Probes[i], _probes[i]);
            }

            _nextProbeRead = elapsed + _options.ProbeInterval;
        }

        return new ChassisSnapshot(++_sweep, _time.GetUtcNow(), elapsed, _busVoltageV, [.. _slots], [.. _probes]);
    }

    private SlotSample SampleSlot(SlotHardware slot, SlotSample last, bool full)
    {
        var relayClosed = slot.Relay.IsClosed;
        if (slot.Sensor is null)
        {
            return last with { RelayClosed = relayClosed };
        }

        try
        {
            if (full)
            {
                var reading = slot.Sensor.Read();
                if (reading.BusVoltageV >= MinPlausibleBusV)
                {
                    // Below that the chip has not converted yet (or its feed is gone): no news of the rail.
                    _busVoltageV = reading.BusVoltageV;
                }

                return new SlotSample(slot.Slot, relayClosed, reading.CurrentA, reading.BusVoltageV,
                    reading.BusVoltageV * reading.CurrentA, false, 0, null, reading.Overflow);
            }

            var current = slot.Sensor.ReadCurrentA();

            // Between full reads the bus voltage of the last one stands; power follows the current at once.
            // Before the slot's first full read (at start, up to a round of sweeps) the rail's voltage from
            // another slot stands in: a powered node reported at 0 W would teach the policy a false idle draw.
            var busV = last.BusVoltageV >= MinPlausibleBusV ? last.BusVoltageV : _busVoltageV ?? 0;
            return new SlotSample(slot.Slot, relayClosed, current, last.BusVoltageV, busV * current, false, 0, null);
        }
        catch (HardwareException e)
        {
            if (last.FailedReads == 0)
            {
                LogSensorFailed(slot.Slot, e.Message);
            }

            return last with { RelayClosed = relayClosed, Stale = true, FailedReads = last.FailedReads + 1, Error = e.Message };
        }
    }

    private ProbeSample SampleProbe(ProbeHardware probe, ProbeSample last)
    {
        if (probe.Probe is null)
        {
            return last;
        }

        try
        {
            return new ProbeSample(probe.Name, probe.Probe.ReadCelsius(), false, 0, null);
        }
        catch (HardwareException e)
        {
            if (last.FailedReads == 0)
            {
                LogProbeFailed(probe.Name, e.Message);
            }

            return last with { Stale = true, FailedReads = last.FailedReads + 1, Error = e.Message };
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "Slot {Slot} power sensor failed: {Reason}")]
    private partial void LogSensorFailed(int slot, string reason);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Probe {Probe} failed: {Reason}")]
    private partial void LogProbeFailed(string probe, string reason);
}
