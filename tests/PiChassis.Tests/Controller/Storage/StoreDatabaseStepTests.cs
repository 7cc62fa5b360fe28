using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Storage;

namespace PiChassis.Tests.Controller.Storage;

/// <summary>A step of the engine loop writes its records in one commit at its end (<see cref="StoreDatabase.Begin"/>).</summary>
public sealed class StoreDatabaseStepTests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
    private readonly StoreDatabase _database;
    private readonly ChassisEvents _events;

    public StoreDatabaseStepTests()
    {
        _database = StoreDatabase.Open(_dir.Path, _time, NullLogger.Instance);
        _events = new ChassisEvents(new SqliteEventJournal(_database, TimeSpan.FromDays(30), 1000), _time);
    }

    public void Dispose()
    {
        _database.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void Begin_EventsOfTheStep_OthersSeeThemOnlyWhenTheStepEnds()
    {
        var seen = -1;
        var reader = new Thread(() => seen = _events.Journal.Read(0, 10).Count);
        bool readDuringStep;
        using (_database.Begin())
        {
            _events.Append(EventTypes.PowerOn, 1, "test");
            _events.Append(EventTypes.PhaseChanged, 1, "test");
            reader.Start();
            readDuringStep = reader.Join(TimeSpan.FromMilliseconds(200));
            Assert.Equal(2, _events.Journal.LastSeq);
        }

        reader.Join();
        Assert.False(readDuringStep);
        Assert.Equal(2, seen);
    }

    [Fact]
    public void Begin_AFailedRecordInTheStep_TheOthersStillCommitted()
    {
        using (_database.Begin())
        {
            _events.Append(EventTypes.PowerOn, 1, "test");
            _database.Write("a broken record", t => t.Command("INSERT INTO no_such_table VALUES (1)").ExecuteNonQuery());
            _events.Append(EventTypes.PowerOff, 1, "test", new JsonObject { ["after"] = "the broken one" });
        }

        Assert.Equal([EventTypes.PowerOn, EventTypes.PowerOff], _events.Journal.Read(0, 10).Select(e => e.Type));
    }

    [Fact]
    public void Write_SyncToDiskInsideAStep_CommitsTheStepSoFarFirst()
    {
        using (_database.Begin())
        {
            _events.Append(EventTypes.PowerOn, 1, "test");
            Assert.True(_database.Write("synced", t => t.SetMeta("synced", "yes"), syncToDisk: true));

            // Same connection, but a fresh one would see it too: the event was committed before the synced write.
            using var other = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_database.FilePath}");
            other.Open();
            using var count = other.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM events";
            Assert.Equal(1L, (long)count.ExecuteScalar()!);
        }
    }
}
