using System.Security.Cryptography;

namespace PiChassis.Controller.Mqtt;

/// <summary>
/// Remembers each request's response for ten minutes, per client and id: the same request again
/// (same verb, same content, however laid out) gets the first response (even while the first is
/// still being worked on) and nothing is done twice; the id reused for another verb or content is
/// refused, so one client's ids never answer another's requests and a status never answers a power
/// off. Bounded, so a flood of fresh ids cannot grow it without end: the oldest are forgotten first.
/// </summary>
public sealed class IdempotencyCache(TimeProvider time, int capacity = 10_000)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly Lock _lock = new();
    private readonly Dictionary<(string Client, string Id), Entry> _responses = [];
    private readonly Queue<((string Client, string Id) Key, DateTimeOffset At)> _order = new();

    /// <summary>
    /// The response remembered for <paramref name="id"/> of <paramref name="client"/> (the client
    /// level of its response topic, "" without one), or the one <paramref name="work"/> starts now.
    /// Null when the id was used before for another verb or content. Failed work is forgotten so the
    /// id can be retried.
    /// </summary>
    public IdempotencyOutcome GetOrStart(string client, string id, string verb, ReadOnlySpan<byte> content, Func<Task<byte[]>> work, out Task<byte[]>? response)
    {
        ArgumentNullException.ThrowIfNull(work);
        var key = (client, id);
        // The same request sent again may be laid out anew (spaces, member order): it is the same content.
        var fingerprint = SHA256.HashData(CanonicalJson.Of(content));
        lock (_lock)
        {
            Expire();
            if (_responses.TryGetValue(key, out var remembered))
            {
                var same = remembered.Verb == verb && remembered.Fingerprint.AsSpan().SequenceEqual(fingerprint);
                response = same ? remembered.Response : null;
                return same ? IdempotencyOutcome.Repeated : IdempotencyOutcome.Reused;
            }

            if (_responses.Count >= capacity && _order.TryDequeue(out var oldest))
            {
                _responses.Remove(oldest.Key);
            }

            response = work();
            _responses[key] = new Entry(verb, fingerprint, response);
            _order.Enqueue((key, time.GetUtcNow()));
        }

        var started = response;
        _ = started.ContinueWith(t => Forget(key, t), CancellationToken.None, TaskContinuationOptions.NotOnRanToCompletion, TaskScheduler.Default);
        return IdempotencyOutcome.Started;
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

    private void Forget((string, string) key, Task<byte[]> failed)
    {
        lock (_lock)
        {
            if (_responses.TryGetValue(key, out var current) && current.Response == failed)
            {
                _responses.Remove(key);
            }
        }
    }

    private void Expire()
    {
        var cutoff = time.GetUtcNow() - Lifetime;
        while (_order.TryPeek(out var entry) && entry.At <= cutoff)
        {
            _order.Dequeue();
            _responses.Remove(entry.Key);
        }
    }

    private sealed record Entry(string Verb, byte[] Fingerprint, Task<byte[]> Response);
}
