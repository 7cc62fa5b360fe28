namespace PiChassis.Controller.Mqtt;

/// <summary>
/// One token bucket per client, node or slot, so one noisy sender cannot use up another's share.
/// Bounded: past <c>capacity</c> keys the buckets start over, every key with a full bucket again
/// (lenient to all, never to one; a sender inventing keys still meets the chassis-wide limit its
/// caller keeps). Thread-safe.
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
                    _buckets.Clear();
                }

                bucket = new TokenBucket(ratePerSecond, burst, time);
                _buckets[key] = bucket;
            }
        }

        return bucket.TryTake();
    }
}
