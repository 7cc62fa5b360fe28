namespace PiChassis.Tests.Reliability;

/// <summary>
/// How hard the reliability suite pushes: the short form runs in CI, the long form when the
/// environment has <c>PICHASSIS_RELIABILITY=long</c>.
/// </summary>
internal static class ReliabilitySettings
{
    public const string Variable = "PICHASSIS_RELIABILITY";

    public static bool IsLong { get; } = string.Equals(Environment.GetEnvironmentVariable(Variable), "long", StringComparison.OrdinalIgnoreCase);

    public static string Form => IsLong ? "long" : "short";

    /// <summary>Payloads routed in-process through the controller's message handling.</summary>
    public static int FuzzPayloads => IsLong ? 1_000_000 : 100_000;

    /// <summary>Payloads pushed through a real Mosquitto.</summary>
    public static int BrokerFuzzPayloads => IsLong ? 20_000 : 3_000;

    public static int Outages => IsLong ? 5 : 3;

    public static TimeSpan OutageLength => IsLong ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(3);

    public static int Kills => IsLong ? 50 : 8;

    /// <summary>How long the flood attack lasts (the issue's own 60 s in both forms; longer in the long form).</summary>
    public static TimeSpan FloodLength => IsLong ? TimeSpan.FromMinutes(5) : TimeSpan.FromSeconds(60);

    /// <summary>
    /// Messages a second the flood sends: the audit's 20 000. Faster than this, on a 2-core machine the
    /// flooder, the broker and the controller share, the test measures who gets the CPU.
    /// </summary>
    public static int FloodRate => 20_000;

    public static TimeSpan SoakLength => IsLong ? TimeSpan.FromDays(7) : TimeSpan.FromDays(1);
}
