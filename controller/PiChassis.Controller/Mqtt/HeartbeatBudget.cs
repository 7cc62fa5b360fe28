namespace PiChassis.Controller.Mqtt;

/// <summary>
/// Which heartbeats the controller reads. Each node of this chassis has its own budget, so a flood on
/// one node's topic cannot starve another node's beats (and make the watchdog restart a node that is
/// fine); names of no slot here (a new board, another chassis's node, made-up names) share one.
/// Thread-safe.
/// </summary>
public sealed class HeartbeatBudget(Func<string, bool> isOwnNode, TimeProvider time)
{
    /// <summary>An agent beats every 10 s; a node may beat once a second on average, in bursts of five.</summary>
    private readonly KeyedRateLimits _own = new(1, 5, 1024, time);

    private readonly TokenBucket _strangers = new(20, 100, time);

    public bool TryTake(string node) => isOwnNode(node) ? _own.TryTake(node) : _strangers.TryTake();
}
