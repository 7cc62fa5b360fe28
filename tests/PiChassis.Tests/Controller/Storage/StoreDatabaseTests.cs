using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Storage;

namespace PiChassis.Tests.Controller.Storage;

public sealed class StoreDatabaseTests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 9, 30, 0, TimeSpan.Zero));
    private readonly FakeLogger<StoreDatabase> _log = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Open_NoStoreYet_CreatesOneInWalModeAndSaysSo()
    {
        using var database = StoreDatabase.Open(_dir.Path, _time, _log);

        Assert.Equal(StoreStatus.Created, database.Status);
        Assert.True(File.Exists(_dir.StoreFile));
        Assert.Equal("wal", database.Read("test", c => c.Command("PRAGMA journal_mode").ExecuteScalar(), null));
        Assert.Contains(_log.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Id.Id == StoreDatabase.CreatedEventId);
    }

    [Fact]
    public void Open_SoundStore_OpensItAsItIs()
    {
        using (var first = StoreDatabase.Open(_dir.Path, _time, _log))
        {
            Assert.True(first.Write("test", t => t.SetMeta("k", "v")));
        }

        using var second = StoreDatabase.Open(_dir.Path, _time, _log);

        Assert.Equal(StoreStatus.Opened, second.Status);
        Assert.Equal("v", second.Read("test", c => c.Meta("k"), null));
    }

    [Fact]
    public void Open_GarbageFile_KeepsItAsideAndStartsAFreshStore()
    {
        Directory.CreateDirectory(_dir.Path);
        var garbage = Enumerable.Range(0, 8192).Select(i => (byte)(i * 7)).ToArray();
        File.WriteAllBytes(_dir.StoreFile, garbage);

        using var database = StoreDatabase.Open(_dir.Path, _time, _log);

        Assert.Equal(StoreStatus.Recovered, database.Status);
        Assert.Equal($"{_dir.StoreFile}.corrupt-20261128T093000Z", database.SetAsidePath);
        Assert.Equal(garbage, File.ReadAllBytes(database.SetAsidePath!));
        Assert.NotNull(database.Problem);
        Assert.True(database.Write("test", t => t.SetMeta("k", "v")));
        var error = Assert.Single(_log.Collector.GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.Contains(database.SetAsidePath!, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_DamagedTableWithReadableEvents_ContinuesNumberingAfterTheLastEvent()
    {
        var time = _time.GetUtcNow();
        using (var database = StoreDatabase.Open(_dir.Path, _time, _log))
        {
            var journal = new SqliteEventJournal(database, TimeSpan.FromDays(30), 1000);
            for (var seq = 1; seq <= 57; seq++)
            {
                journal.Append(new ChassisEvent(seq, time, EventTypes.PowerOn, 1, "test", null));
            }

            database.Write("test", t => t.SetMeta("k", "v"));
        }

        DamagePage(_dir.StoreFile, "meta");

        using var recovered = StoreDatabase.Open(_dir.Path, _time, _log);

        Assert.Equal(StoreStatus.Recovered, recovered.Status);
        Assert.Equal(57, new SqliteEventJournal(recovered, TimeSpan.FromDays(30), 1000).LastSeq);
        Assert.True(File.Exists(recovered.SetAsidePath));
    }

    [Fact]
    public void Open_NewerFormat_KeepsItAsideRatherThanMisreadIt()
    {
        using (var database = StoreDatabase.Open(_dir.Path, _time, _log))
        {
            database.Read("test", c => c.Command("PRAGMA user_version = 99").ExecuteNonQuery(), 0);
        }

        using var reopened = StoreDatabase.Open(_dir.Path, _time, _log);

        Assert.Equal(StoreStatus.Recovered, reopened.Status);
        Assert.Contains("format 99", reopened.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_DataDirectoryUnusable_KeepsTheStoreInMemory()
    {
        File.WriteAllText(_dir.Path, "a file where the directory should be");
        try
        {
            using var database = StoreDatabase.Open(_dir.Path, _time, _log);

            Assert.Equal(StoreStatus.InMemory, database.Status);
            Assert.Null(database.FilePath);
            Assert.True(database.Write("test", t => t.SetMeta("k", "v")));
            Assert.Contains(_log.Collector.GetSnapshot(), r => r.Level == LogLevel.Error && r.Id.Id == StoreDatabase.InMemoryEventId);
        }
        finally
        {
            File.Delete(_dir.Path);
        }
    }

    /// <summary>Overwrites the root page of <paramref name="table"/> with garbage, leaving the other tables readable.</summary>
    private static void DamagePage(string file, string table)
    {
        long page, pageSize;
        using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            connection.Open();
            connection.Command("PRAGMA wal_checkpoint(TRUNCATE)").ExecuteNonQuery();
            page = (long)connection.Command($"SELECT rootpage FROM sqlite_master WHERE name = '{table}'").ExecuteScalar()!;
            pageSize = (long)connection.Command("PRAGMA page_size").ExecuteScalar()!;
        }

        using var stream = File.OpenWrite(file);
        stream.Position = (page - 1) * pageSize;
        stream.Write(Enumerable.Repeat((byte)0xA5, (int)pageSize).ToArray());
    }
}
