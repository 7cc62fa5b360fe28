using PiChassis.Controller.Engine;

namespace PiChassis.Controller.Redfish;

/// <summary>
/// Hands each durable journal event to every SSE client's <see cref="SseClient"/>, at most
/// <see cref="MaxClients"/> of them and <see cref="MaxPerAccount"/> of one account's (so one account cannot
/// fill them and keep the others out). It listens to <see cref="ChassisEvents.Stored"/>, raised on the
/// store's writer, and only posts to bounded queues there, so no client can hold the store or the engine.
/// </summary>
public sealed class EventFeed : IDisposable
{
    public const int MaxClients = 8;
    public const int MaxPerAccount = 2;
    private readonly Lock _lock = new();

    // Each client's queue and the account it was opened by.
    private readonly Dictionary<SseClient, string> _clients = [];
    private readonly ChassisEvents _events;

    public EventFeed(ChassisEvents events)
    {
        ArgumentNullException.ThrowIfNull(events);
        _events = events;
        _events.Stored += OnStored;
    }

    public IEventJournal Journal => _events.Journal;

    /// <summary>
    /// A new client's queue, receiving every event stored from now on; null when <see cref="MaxClients"/>
    /// are connected, or <see cref="MaxPerAccount"/> of <paramref name="userName"/>'s.
    /// </summary>
    public SseClient? Join(string userName)
    {
        lock (_lock)
        {
            if (_clients.Count >= MaxClients || _clients.Values.Count(u => u == userName) >= MaxPerAccount)
            {
                return null;
            }

            var queue = new SseClient();
            _clients.Add(queue, userName);
            return queue;
        }
    }

    public void Leave(SseClient queue)
    {
        lock (_lock)
        {
            _clients.Remove(queue);
        }
    }

    public void Dispose() => _events.Stored -= OnStored;

    private void OnStored(object? sender, ChassisEvent chassisEvent)
    {
        lock (_lock)
        {
            foreach (var queue in _clients.Keys)
            {
                queue.Post(chassisEvent);
            }
        }
    }
}
