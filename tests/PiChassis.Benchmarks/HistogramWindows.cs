namespace PiChassis.Benchmarks;

/// <summary>
/// The hybrid histogram policy's decision for an idle node: power it off at once and back on
/// <see cref="PreWarm"/> later (zero: keep it on), then keep it on for <see cref="KeepAlive"/>.
/// <see cref="FromHistogram"/> is false when the histogram was not representative and the fixed
/// keep-alive applies.
/// </summary>
internal readonly record struct HistogramWindows(TimeSpan PreWarm, TimeSpan KeepAlive, bool FromHistogram);
