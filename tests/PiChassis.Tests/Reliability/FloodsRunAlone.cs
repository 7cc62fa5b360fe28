namespace PiChassis.Tests.Reliability;

/// <summary>
/// The floods (tens of thousands of messages a second) and the latencies they measure would take the
/// CPU from each other and from every other test on a 2-core machine: they run alone, one at a time,
/// after the parallel tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FloodsRunAlone
{
    public const string Name = "Floods";
}
