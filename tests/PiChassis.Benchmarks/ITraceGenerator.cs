namespace PiChassis.Benchmarks;

/// <summary>Writes synthetic days of demand for the replay; seeded, so a seed always gives the same file.</summary>
internal interface ITraceGenerator
{
    /// <summary>What the trace is, for the message after writing it.</summary>
    string Name { get; }

    int DefaultSeed { get; }

    /// <summary>The trace file's text for a chassis of <paramref name="slots"/> slots.</summary>
    string Generate(int seed, int slots);
}
