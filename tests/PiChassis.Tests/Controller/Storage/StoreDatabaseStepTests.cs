using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Storage;

namespace PiChassis.Tests.Controller.Storage;

/// <summary>
/// A step of the engine loop hands its records to the store's writer at its end (<see cref="StoreDatabase.Begin"/>)
/// and goes on; the writer commits them in order, retries a failing disk, and says when events are durable.
/// </summary>
public sealed class StoreDatabaseStepTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly TempDataDir _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
    private readonly GatedStore _faults = new();
    private readonly StoreDatabase _database;
    private readonly ChassisEvents _events;

    public StoreDatabaseStepTests()
    {
        _database = StoreDatabase.Open(_dir.Path, _time, NullLogger.Instance, _faults);
        _events = new ChassisEvents(new SqliteEventJournal(_database, TimeSpan.FromDays(30), 1000), _time);
    }

    public void Dispose()
    {
        _faults.Dispose();
        _database.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Begin_CommitStalled_TheStepEndsWithoutWaiting()
    {
        _faults.Close();

        var ended = Task.Run(() =>
        {
            using (_database.Begin())
            {
                _events.Append(EventTypes.PowerOn, 1, "test");
            }
        });

        await ended.WaitAsync(Wait);
        Assert.Equal(1, _events.LastSeq);
        Assert.Equal(0, _events.Journal.LastSeq);
    }

    [Fact]
    public async Task Begin_EventsOfTheStep_ReadersAndListenersSeeThemOnlyOnceCommitted()
    {
        var stored = new List<long>();
        _events.Stored += (_, e) => stored.Add(e.Seq);
        _faults.Close();

        using (_database.Begin())
        {
            _events.Append(EventTypes.PowerOn, 1, "test");
            _events.Append(EventTypes.PhaseChanged, 1, "test");
        }

        // The commit is stalled (as an SD card's sync holds the connection): nothing is durable yet.
        Assert.True(_faults.Entered.Wait(Wait));
        Assert.Equal(0, _events.Journal.LastSeq);
        Assert.Empty(stored);

        _faults.Open();
        await _database.FlushAsync().WaitAsync(Wait);

        Assert.Equal([1L, 2L], _events.Journal.Read(0, 10).Select(e => e.Seq));
        Assert.Equal([1L, 2L], stored);
        Assert.Equal(2, _events.Journal.LastSeq);
    }

    [Fact]
    public async Task Begin_AFailedRecordInTheStep_TheOthersStillCommitted()
    {
        using (_database.Begin())
        {
            _events.Append(EventTypes.PowerOn, 1, "test");
            _database.Write("a broken record", t => t.Command("INSERT INTO no_such_table VALUES (1)").ExecuteNonQuery());
            _events.Append(EventTypes.PowerOff, 1, "test", new JsonObject { ["after"] = "the broken one" });
        }

        await _database.FlushAsync().WaitAsync(Wait);

        Assert.Equal([EventTypes.PowerOn, EventTypes.PowerOff], _events.Journal.Read(0, 10).Select(e => e.Type));
    }

    [Fact]
    public async Task Begin_DiskFailsThenWorks_TheStepIsCommittedWhenItWorksAgain()
    {
        var health = new List<string>();
        _database.HealthChanged += (_, h) => health.Add(h.Status);
        _faults.FailNext(3);

        using (_database.Begin())
        {
            _events.Append(EventTypes.PowerOn, 1, "test");
        }

        // Each failed try waits a growing pause on the store's clock before the next.
        while (_faults.Tries < 4)
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(1);
        }

        await _database.FlushAsync().WaitAsync(Wait);

        Assert.Equal([1L], _events.Journal.Read(0, 10).Select(e => e.Seq));
        Assert.Equal([StoreHealth.Failing, StoreHealth.Ok], health);
    }

    [Fact]
    public void Write_FromAnotherThread_ReturnsOnceCommittedInOrderWithTheSteps()
    {
        using (_database.Begin())
        {
            _events.Append(EventTypes.PowerOn, 1, "test");
        }

        Assert.True(_database.Write("after the step", t => t.SetMeta("k", "v")));

        Assert.Single(_events.Journal.Read(0, 10));
        Assert.Equal("v", _database.Read("test", c => c.Meta("k"), null));
    }

    [Fact]
    public async Task Completion_ACommitThrowsSomethingElseThanAStoreError_TheWriterFaults()
    {
        _faults.ThrowNext(new InvalidOperationException("injected commit fault"));

        using (_database.Begin())
        {
            _events.Append(EventTypes.PowerOn, 1, "test");
        }

        await Assert.ThrowsAsync<InvalidOperationException>(() => _database.Completion.WaitAsync(Wait));
    }

    /// <summary>Stalls, fails or breaks the commits of the store under test.</summary>
    private sealed class GatedStore : IStoreFaults, IDisposable
    {
        private readonly ManualResetEventSlim _gate = new(initialState: true);
        private int _failures;
        private Exception? _throw;
        private int _tries;

        public ManualResetEventSlim Entered { get; } = new();

        public int Tries => Volatile.Read(ref _tries);

        public void Close() => _gate.Reset();

        public void Open() => _gate.Set();

        public void FailNext(int commits) => _failures = commits;

        public void ThrowNext(Exception exception) => _throw = exception;

        /// <summary>Opens the gate for good, so that the store can close.</summary>
        public void Dispose() => _gate.Set();

        public void BeforeCommit()
        {
            Interlocked.Increment(ref _tries);
            Entered.Set();
            _gate.Wait();
            if (Interlocked.Exchange(ref _throw, null) is { } e)
            {
                throw e;
            }

            if (_failures > 0)
            {
                _failures--;
                throw new SqliteException("disk I/O error (injected)", 10);
            }
        }
    }
}
