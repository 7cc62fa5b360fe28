using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;

namespace PiChassis.Controller.Redfish;

/// <summary>
/// Open sessions, at most <see cref="RedfishOptions.MaxSessions"/>, and at most <see cref="PerAccount"/>
/// of one account's, so no account (a ReadOnly one, say) can fill them and keep the others out: a login
/// beyond is refused, never queued. A session unused for <see cref="RedfishOptions.SessionTimeout"/> ends when next looked at.
/// </summary>
public sealed class RedfishSessions(IOptions<RedfishOptions> options, TimeProvider time)
{
    private readonly Dictionary<string, RedfishSession> _byToken = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly TimeSpan _timeout = options.Value.SessionTimeout;
    private readonly int _max = options.Value.MaxSessions;

    public TimeSpan Timeout => _timeout;

    public int Max => _max;

    /// <summary>A quarter of <see cref="Max"/>, at least one.</summary>
    public int PerAccount { get; } = Math.Max(1, options.Value.MaxSessions / 4);

    /// <summary>A new session; null when <see cref="Max"/> are open, or <see cref="PerAccount"/> of <paramref name="userName"/>'s.</summary>
    public RedfishSession? Create(string userName, RedfishRole role, string? clientContext = null)
    {
        lock (_lock)
        {
            RemoveExpired();
            if (_byToken.Count >= _max || _byToken.Values.Count(s => s.UserName == userName) >= PerAccount)
            {
                return null;
            }

            var session = new RedfishSession(
                Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
                Base64Url(RandomNumberGenerator.GetBytes(32)),
                userName,
                role,
                time.GetUtcNow())
            {
                Context = clientContext,
            };
            _byToken[session.Token] = session;
            return session;
        }
    }

    /// <summary>The live session of <paramref name="token"/>, marked as used now.</summary>
    public RedfishSession? Use(string token)
    {
        lock (_lock)
        {
            RemoveExpired();
            if (!_byToken.TryGetValue(token, out var session))
            {
                return null;
            }

            session.LastUsed = time.GetUtcNow();
            return session;
        }
    }

    /// <summary>Marks the session <paramref name="id"/> as used now (an open event stream is a use); false when it has ended.</summary>
    public bool Touch(string id)
    {
        lock (_lock)
        {
            RemoveExpired();
            if (_byToken.Values.FirstOrDefault(s => s.Id == id) is not { } session)
            {
                return false;
            }

            session.LastUsed = time.GetUtcNow();
            return true;
        }
    }

    public IReadOnlyList<RedfishSession> All()
    {
        lock (_lock)
        {
            RemoveExpired();
            return [.. _byToken.Values.OrderBy(s => s.Created)];
        }
    }

    public RedfishSession? Find(string id) => All().FirstOrDefault(s => s.Id == id);

    public bool End(string id)
    {
        lock (_lock)
        {
            var session = _byToken.Values.FirstOrDefault(s => s.Id == id);
            return session is not null && _byToken.Remove(session.Token);
        }
    }

    private void RemoveExpired()
    {
        var now = time.GetUtcNow();
        foreach (var stale in _byToken.Values.Where(s => now - s.LastUsed >= _timeout).ToList())
        {
            _byToken.Remove(stale.Token);
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
