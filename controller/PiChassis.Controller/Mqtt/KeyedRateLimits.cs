namespace PiChassis.Controller.Mqtt;

/// <summary>
/// One token bucket per client, node or slot, so one noisy sender cannot use up another's share.
/// Bounded: past <c>capacity</c> keys the fullest buckets are forgotten, at least half of them. A
/// full bucket is as good as a new one, so forgetting it gives nothing away; the senders that are
/// held back (empty buckets) stay held back, however many keys a flood invents. Thread-safe.
/// </summary>
public sealed class KeyedRateLimits(double ratePerSecond, double burst, int capacity, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);

    public bool TryTake(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        TokenBucket? bucket;
        lock (_lock)
        {
            if (!_buckets.TryGetValue(key, out bucket))
            {
                if (_buckets.Count >= capacity)
                {
                    ForgetFullest();
                }

                bucket = new TokenBucket(ratePerSecond, burst, time);
                _buckets[key] = bucket;
            }
        }

        return bucket.TryTake();
    }

    /// <summary>Every full bucket, and at least half of all, the fullest first: the next half-capacity new keys cost no sweep.</summary>
    private void ForgetFullest()
    {
        var byFill = _buckets.Select(b => (b.Key, b.Value.Fill)).OrderByDescending(b => b.Fill).ToList();
        var forget = Math.Max((byFill.Count + 1) / 2, byFill.Count(b => b.Fill >= 1));
        foreach (var (key, _) in byFill.Take(forget))
        {
            _buckets.Remove(key);
        }
    }
}
