using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using PiChassis.Controller.Policy;
using PiChassis.Controller.Storage;

namespace PiChassis.Tests.Controller.Storage;

public sealed class StoredSchedulesTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private readonly TempDataDir _dir = new();
    private readonly FakeTimeProvider _time = new(Now);
    private readonly FakeLogger<StoreDatabase> _log = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Schedules_Restart_KeptExactlyAndRemovedOnesGone()
    {
        var kept = new ScheduledCapacity("a1", "slurm", "reservation", 6, 1, Now.AddHours(2).AddMilliseconds(123), Now.AddHours(5));
        using (var database = StoreDatabase.Open(_dir.Path, _time, _log))
        {
            var store = new StoredSchedules(database);
            store.Add(kept);
            store.Add(kept with { Id = "b2", Requester = "cron" });
            store.Remove("b2");
            await database.FlushAsync();
        }

        using var reopened = StoreDatabase.Open(_dir.Path, _time, _log);

        Assert.Equal([kept], new StoredSchedules(reopened).Load());
    }
}
