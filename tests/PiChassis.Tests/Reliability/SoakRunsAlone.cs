namespace PiChassis.Tests.Reliability;

/// <summary>The soak measures the whole process (heap, threads, handles): it runs alone, after the parallel tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoakRunsAlone
{
    public const string Name = "Soak";
}
