namespace PiChassis.Benchmarks;

/// <summary>
/// What one replay measured over one day of its trace. <see cref="MeteredWh"/> is the controller's
/// own meter of the slots (the fan has no sensor); <see cref="RelayCycles"/> are each slot's
/// power-ons that day; <see cref="Sheds"/> counts protection's <c>load_shed</c> events.
/// </summary>
internal sealed record DayFigures(
    double BoardsWh,
    double FanWh,
    double MeteredWh,
    double NeededNodeMinutes,
    double UnmetNodeMinutes,
    IReadOnlyList<long> RelayCycles,
    double PeakExhaustC,
    int Sheds);
