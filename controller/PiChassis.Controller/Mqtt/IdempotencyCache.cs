namespace PiChassis.Controller.Mqtt;

/// <summary>
/// Remembers each request id's response for ten minutes: a repeated id gets the first response
/// again (even while the first is still being worked on) and nothing is done twice. Bounded, so
/// a flood of fresh ids cannot grow it without end: the oldest are forgotten first.
/// </summary>
public sealed class IdempotencyCache(TimeProvider time, int capacity = 10_000)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Task<byte[]>> _responses = new(StringComparer.Ordinal);
    private readonly Queue<(string Id, DateTimeOffset At)> _order = new();

    /// <summary>
    /// The response remembered for <paramref name="id"/>, or the one <paramref name="work"/> starts
    /// now (true: it is new). Failed work is forgotten so the id can be retried.
    /// </summary>
    public bool GetOrStart(string id, Func<Task<byte[]>> work, out Task<byte[]> response)
    {
        ArgumentNullException.ThrowIfNull(work);
        lock (_lock)
        {
            Expire();
            if (_responses.TryGetValue(id, out var remembered))
            {
                response = remembered;
                return false;
            }

            if (_responses.Count >= capacity && _order.TryDequeue(out var oldest))
            {
                _responses.Remove(oldest.Id);
            }

            response = work();
            _responses[id] = response;
            _order.Enqueue((id, time.GetUtcNow()));
        }

        _ = response.ContinueWith(t => Forget(id, t), CancellationToken.None, TaskContinuationOptions.NotOnRanToCompletion, TaskScheduler.Default);
        return true;
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                Expire();
                return _responses.Count;
            }
        }
    }

    private void Forget(string id, Task<byte[]> failed)
    {
        lock (_lock)
        {
            if (_responses.TryGetValue(id, out var current) && current == failed)
            {
                _responses.Remove(id);
            }
        }
    }

    private void Expire()
    {
        var cutoff = time.GetUtcNow() - Lifetime;
        while (_order.TryPeek(out var entry) && entry.At <= cutoff)
        {
            _order.Dequeue();
            _responses.Remove(entry.Id);
        }
    }
}
