using System.Globalization;
using Microsoft.Data.Sqlite;
using PiChassis.Controller.Engine;

namespace PiChassis.Controller.Storage;

/// <summary>
/// Slot state, energy counters and the run marker in the store, as plain records. Every save is
/// one committed transaction; a failed one is logged by <see cref="StoreDatabase"/> and reported false.
/// </summary>
public sealed class StateStore(StoreDatabase database)
{
    private const string EnergyDayKey = "energy_day";
    private const string EnergySavedAtKey = "energy_saved_at";
    private const string RunKey = "run";
    private const string Running = "running";
    private const string Stopped = "stopped";

    public StoreDatabase Database => database;

    public StoredState Load() => database.Read("loading the stored state", connection =>
    {
        var run = connection.Meta(RunKey);
        var day = DateOnly.TryParseExact(connection.Meta(EnergyDayKey), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : (DateOnly?)null;
        return new StoredState(
            StoredSlots.ReadAll(connection),
            day,
            day is null ? [] : ReadEnergy(connection),
            run switch { Running => PreviousStop.Unclean, Stopped => PreviousStop.Clean, _ => PreviousStop.None });
    }, new StoredState([], null, [], PreviousStop.None));

    public bool SaveSlots(IEnumerable<PersistedSlot> slots, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(slots);
        return database.Write("slot state", transaction =>
        {
            foreach (var slot in slots)
            {
                StoredSlots.Write(transaction, slot, at);
            }
        });
    }

    /// <summary>Queues the counters of <paramref name="day"/> (local date); completes once they and every earlier commit are on the disk.</summary>
    public Task<bool> SaveEnergyAsync(DateOnly day, IEnumerable<SlotEnergy> energy, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(energy);
        return database.WriteAsync("energy counters", transaction =>
        {
            foreach (var slot in energy)
            {
                using var upsert = transaction.Command("""
                    INSERT INTO energy(slot, lifetime_wh, today_wh, yesterday_wh) VALUES($slot, $lifetime, $today, $yesterday)
                    ON CONFLICT(slot) DO UPDATE SET lifetime_wh = excluded.lifetime_wh, today_wh = excluded.today_wh, yesterday_wh = excluded.yesterday_wh
                    """)
                    .With("$slot", slot.Slot).With("$lifetime", slot.LifetimeWh).With("$today", slot.TodayWh).With("$yesterday", slot.YesterdayWh);
                upsert.ExecuteNonQuery();
            }

            transaction.SetMeta(EnergyDayKey, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            transaction.SetMeta(EnergySavedAtKey, at.ToString("O", CultureInfo.InvariantCulture));
        }, syncToDisk: true);
    }

    /// <summary>Records that the controller runs: if it is found so at the next start, that run did not stop cleanly.</summary>
    public bool MarkRunning() => database.Write("run marker", t => t.SetMeta(RunKey, Running));

    public bool MarkStopped() => database.Write("run marker", t => t.SetMeta(RunKey, Stopped), syncToDisk: true);

    private static List<SlotEnergy> ReadEnergy(SqliteConnection connection)
    {
        using var select = connection.Command("SELECT slot, lifetime_wh, today_wh, yesterday_wh FROM energy ORDER BY slot");
        using var reader = select.ExecuteReader();
        var energy = new List<SlotEnergy>();
        while (reader.Read())
        {
            energy.Add(new SlotEnergy(reader.GetInt32(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3)));
        }

        return energy;
    }
}
