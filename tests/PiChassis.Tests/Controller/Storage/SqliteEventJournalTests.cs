using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Storage;

namespace PiChassis.Tests.Controller.Storage;

public sealed class SqliteEventJournalTests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
    private readonly StoreDatabase _database;

    public SqliteEventJournalTests() => _database = StoreDatabase.Open(_dir.Path, _time, NullLogger.Instance);

    public void Dispose()
    {
        _database.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void Append_FloodOfEvents_KeepsOnlyTheNewestMaxEvents()
    {
        var events = new ChassisEvents(new SqliteEventJournal(_database, TimeSpan.FromDays(30), 1000), _time);

        for (var i = 0; i < 5000; i++)
        {
            events.Append(EventTypes.CommandRejected, 1, "flood", new JsonObject { ["n"] = i });
        }

        var kept = _database.Read("test", c => (long)c.Command("SELECT COUNT(*) FROM events").ExecuteScalar()!, 0);
        Assert.Equal(1000, kept);
        var read = events.Journal.Read(0, 5000);
        Assert.Equal(Enumerable.Range(4001, 1000).Select(n => (long)n), read.Select(e => e.Seq));
        Assert.Equal(5000, events.Journal.LastSeq);
    }

    [Fact]
    public async Task Append_FloodOfRefusals_KeepsTheAuditTrailBeforeIt()
    {
        var events = new ChassisEvents(new SqliteEventJournal(_database, TimeSpan.FromDays(30), 1000), _time);
        events.Append(EventTypes.PowerOff, 2, "operator", new JsonObject { ["forced"] = true });
        events.Append(EventTypes.WatchdogAction, 3, "watchdog", null);

        for (var i = 0; i < 3000; i++)
        {
            events.Append(EventTypes.CommandRejected, 1, "flood", new JsonObject { ["n"] = i });
        }

        await _database.FlushAsync();
        var read = events.Journal.Read(0, 10_000);
        Assert.Equal([EventTypes.PowerOff, EventTypes.WatchdogAction], read.Take(2).Select(e => e.Type));
        Assert.Equal(1000, read.Count(e => e.Type == EventTypes.CommandRejected));
    }

    [Fact]
    public async Task Append_AuditEventsBeyondFourTimesTheBound_Dropped()
    {
        var events = new ChassisEvents(new SqliteEventJournal(_database, TimeSpan.FromDays(30), 1000), _time);

        for (var i = 0; i < 5000; i++)
        {
            events.Append(EventTypes.PowerOn, 1, "operator", null);
        }

        await _database.FlushAsync();
        var read = events.Journal.Read(0, 10_000);
        Assert.Equal(Enumerable.Range(1001, 4000).Select(n => (long)n), read.Select(e => e.Seq));
    }

    [Fact]
    public void Read_SinceSeq_ReturnsExactlyTheMissingEventsInOrder()
    {
        var events = new ChassisEvents(new SqliteEventJournal(_database, TimeSpan.FromDays(30), 1000), _time);
        for (var i = 0; i < 300; i++)
        {
            events.Append(EventTypes.PhaseChanged, i % 4 + 1, "test");
        }

        Assert.Equal(Range(121, 180), events.Journal.Read(120, 1000).Select(e => e.Seq));
        Assert.Equal(Range(121, 50), events.Journal.Read(120, 50).Select(e => e.Seq));
        Assert.Empty(events.Journal.Read(300, 10));
        Assert.Empty(events.Journal.Read(5, 0));
    }

    [Fact]
    public async Task CountAndReadPage_JournalWithPrunedGaps_CountWhatIsKeptAndPageByPosition()
    {
        var events = new ChassisEvents(new SqliteEventJournal(_database, TimeSpan.FromDays(30), 100), _time);
        events.Append(EventTypes.PowerOff, 2, "operator");
        for (var i = 0; i < 300; i++)
        {
            events.Append(EventTypes.CommandRejected, 1, "flood");
        }

        await _database.FlushAsync();
        var kept = events.Journal.Read(0, 10_000);

        Assert.Equal(kept.Count, events.Journal.Count());
        Assert.True(kept[1].Seq > kept[0].Seq + 1, "the flood's oldest were pruned");
        Assert.Equal(kept.Skip(1).Take(3).Select(e => e.Seq), events.Journal.ReadPage(1, 3).Select(e => e.Seq));
        Assert.Empty(events.Journal.ReadPage(kept.Count, 10));
    }

    [Fact]
    public void Append_EventsOlderThanMaxAge_LeaveTheJournalButNotTheNewest()
    {
        var journal = new SqliteEventJournal(_database, TimeSpan.FromHours(1), 1000);
        var events = new ChassisEvents(journal, _time);
        events.Append(EventTypes.PowerOn, 1, "test");
        _time.Advance(TimeSpan.FromMinutes(50));
        events.Append(EventTypes.PowerOff, 1, "test");
        _time.Advance(TimeSpan.FromMinutes(20));

        events.Append(EventTypes.PowerOn, 1, "test");

        Assert.Equal([2L, 3L], journal.Read(0, 10).Select(e => e.Seq));
        _time.Advance(TimeSpan.FromDays(3));
        using var reopened = StoreDatabase.Open(_dir.Path, _time, NullLogger.Instance);
        Assert.Equal(3, new SqliteEventJournal(reopened, TimeSpan.FromHours(1), 1000).LastSeq);
    }

    [Fact]
    public void Read_AfterReopen_GivesBackEveryFieldAndNumberingContinues()
    {
        var at = new DateTimeOffset(2026, 11, 28, 9, 0, 0, 123, TimeSpan.Zero).AddTicks(4567);
        var appended = new[]
        {
            new ChassisEvent(1, at, EventTypes.ControllerStarted, null, "controller", new JsonObject { ["adopted"] = new JsonArray(1, 2) }),
            new ChassisEvent(2, at.AddSeconds(1), EventTypes.FaultTrip, 3, "protection", new JsonObject { ["code"] = "overcurrent", ["current_a"] = 3.25 }),
            new ChassisEvent(3, at.AddSeconds(2), EventTypes.PowerOn, 1, "slurm", null),
        };
        var journal = new SqliteEventJournal(_database, TimeSpan.FromDays(30), 1000);
        foreach (var e in appended)
        {
            journal.Append(e);
        }

        using var reopened = StoreDatabase.Open(_dir.Path, _time, NullLogger.Instance);
        var again = new SqliteEventJournal(reopened, TimeSpan.FromDays(30), 1000);
        var read = again.Read(0, 10);

        Assert.Equal(3, again.LastSeq);
        Assert.Equal(appended.Select(Text), read.Select(Text));
        var next = new ChassisEvents(again, _time).Append(EventTypes.PowerOff, 1, "test");
        Assert.Equal(4, next.Seq);
    }

    private static IEnumerable<long> Range(long first, int count) => Enumerable.Range(0, count).Select(i => first + i);

    private static string Text(ChassisEvent e) => $"{e.Seq} {e.At:O} {e.Type} {e.Slot} {e.Source} {e.Detail?.ToJsonString()}";
}
