namespace PiChassis.Controller.Sampling;

/// <summary>
/// One slot as measured in one sweep. When the sensor fails the last good values are kept and
/// <see cref="Stale"/> is set; <see cref="FailedReads"/> counts consecutive misses.
/// <see cref="Overflow"/>: the sensor's range was exceeded (a short): the current is at least what it says.
/// </summary>
public sealed record SlotSample(
    int Slot,
    bool RelayClosed,
    double CurrentA,
    double BusVoltageV,
    double PowerW,
    bool Stale,
    int FailedReads,
    string? Error,
    bool Overflow = false);
