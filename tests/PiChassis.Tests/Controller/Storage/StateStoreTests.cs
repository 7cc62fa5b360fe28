using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Storage;

namespace PiChassis.Tests.Controller.Storage;

public sealed class StateStoreTests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Load_FreshStore_HoldsNothingAndNoPreviousRun()
    {
        using var database = StoreDatabase.Open(_dir.Path, _time, NullLogger.Instance);

        var stored = new StateStore(database).Load();

        Assert.Empty(stored.Slots);
        Assert.Null(stored.EnergyDay);
        Assert.Empty(stored.Energy);
        Assert.Equal(PreviousStop.None, stored.PreviousStop);
    }

    [Fact]
    public async Task Load_AfterSaves_GivesBackEverySlotFieldAndTheEnergyOfTheDay()
    {
        var fault = new SlotFault(FaultCodes.StuckRelay, "0.40 A flows with the relay open", new DateTimeOffset(2026, 11, 27, 22, 15, 3, TimeSpan.Zero).AddTicks(7));
        PersistedSlot[] slots =
        [
            new(1, "node01", SlotPhase.ShuttingDown, true, SlotPolicy.Auto, false, null, 12, 6.25, false, TimeSpan.FromTicks(1_000_003)),
            new(2, "node02", SlotPhase.Fault, true, SlotPolicy.AlwaysOn, true, fault, 3, null, false),
            new(3, "node03", SlotPhase.Off, false, SlotPolicy.AlwaysOff, false, null, 0, null, true),
        ];
        SlotEnergy[] energy = [new(1, 1234.5, 12.25, 30.5), new(2, 0.001, 0.001, 0), new(3, 0, 0, 0)];
        var day = new DateOnly(2026, 11, 28);
        using (var database = StoreDatabase.Open(_dir.Path, _time, NullLogger.Instance))
        {
            var store = new StateStore(database);
            Assert.True(store.SaveSlots(slots, _time.GetUtcNow()));
            Assert.True(store.SaveSlots([slots[0] with { RelayCycles = 13 }], _time.GetUtcNow()));
            Assert.True(await store.SaveEnergyAsync(day, energy, _time.GetUtcNow()));
        }

        using var reopened = StoreDatabase.Open(_dir.Path, _time, NullLogger.Instance);
        var stored = new StateStore(reopened).Load();

        Assert.Equal([slots[0] with { RelayCycles = 13 }, slots[1], slots[2]], stored.Slots);
        Assert.Equal(day, stored.EnergyDay);
        Assert.Equal(energy, stored.Energy);
    }

    [Theory]
    [InlineData(false, PreviousStop.Unclean)]
    [InlineData(true, PreviousStop.Clean)]
    public void Load_AfterARun_TellsHowItStopped(bool stoppedCleanly, PreviousStop expected)
    {
        using (var database = StoreDatabase.Open(_dir.Path, _time, NullLogger.Instance))
        {
            var store = new StateStore(database);
            store.MarkRunning();
            if (stoppedCleanly)
            {
                store.MarkStopped();
            }
        }

        using var reopened = StoreDatabase.Open(_dir.Path, _time, NullLogger.Instance);

        Assert.Equal(expected, new StateStore(reopened).Load().PreviousStop);
    }

    [Fact]
    public void Load_StoreWrittenBeforeInrushAndOffTimeWereKept_GivesItsSlotsWithoutThemAndKeepsTheNext()
    {
        Directory.CreateDirectory(_dir.Path);
        using (var old = new SqliteConnection($"Data Source={_dir.StoreFile};Pooling=False"))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = """
                CREATE TABLE slots(
                    slot INTEGER PRIMARY KEY, node TEXT NOT NULL, phase TEXT NOT NULL, desired_on INTEGER NOT NULL,
                    policy TEXT NOT NULL, locked INTEGER NOT NULL, fault_code TEXT, fault_message TEXT, fault_at INTEGER,
                    relay_cycles INTEGER NOT NULL, learned_boot_peak_w REAL, shed_for_heat INTEGER NOT NULL, saved_at INTEGER NOT NULL);
                INSERT INTO slots VALUES(1, 'node01', 'On', 1, 'Auto', 0, NULL, NULL, NULL, 7, 6.5, 0, 0);
                PRAGMA user_version = 1;
                """;
            create.ExecuteNonQuery();
        }

        var learned = new PersistedSlot(1, "node01", SlotPhase.Off, false, SlotPolicy.Auto, false, null, 8, 6.5, false, TimeSpan.FromMilliseconds(100), _time.GetUtcNow());
        using (var database = StoreDatabase.Open(_dir.Path, _time, NullLogger.Instance))
        {
            var store = new StateStore(database);
            Assert.Equal([learned with { Phase = SlotPhase.On, DesiredOn = true, RelayCycles = 7, LearnedInrush = null, RelayOpenedAt = null }], store.Load().Slots);
            Assert.True(store.SaveSlots([learned], _time.GetUtcNow()));
        }

        using var reopened = StoreDatabase.Open(_dir.Path, _time, NullLogger.Instance);

        Assert.Equal([learned], new StateStore(reopened).Load().Slots);
    }
}
