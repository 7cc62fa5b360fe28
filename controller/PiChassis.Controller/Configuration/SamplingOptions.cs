namespace PiChassis.Controller.Configuration;

/// <summary>How often the sampler sweeps the bus. Section <c>Sampling</c>.</summary>
public sealed class SamplingOptions
{
    public const string Section = "Sampling";

    /// <summary>One current read per slot per interval; protection runs at this cadence.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Temperatures change slowly: probes are read at this longer interval.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(1);
}
