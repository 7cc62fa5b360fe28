using PiChassis.Controller.Engine;

namespace PiChassis.Controller.Storage;

/// <summary>
/// The power-ons of the last day in the store's <c>power_ons</c> table, for the engine's hourly wear
/// guard and the policy's daily cycle budget. Saves are written behind with the engine step's other
/// records, and drop what is older.
/// </summary>
internal sealed class StoredPowerOns(StoreDatabase database) : IPowerOnHistory
{
    public IReadOnlyList<(int Slot, DateTimeOffset At)> Load() => database.Read("reading the power-ons of the last day", connection =>
    {
        using var select = connection.Command("SELECT slot, at FROM power_ons ORDER BY at");
        using var reader = select.ExecuteReader();
        List<(int, DateTimeOffset)> powerOns = [];
        while (reader.Read())
        {
            powerOns.Add((reader.GetInt32(0), new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero)));
        }

        return powerOns;
    }, []);

    public void Save(int slot, DateTimeOffset at, DateTimeOffset keepFrom) => database.Write($"slot {slot} power-on", transaction =>
    {
        using (var insert = transaction.Command("INSERT INTO power_ons(slot, at) VALUES($slot, $at)").With("$slot", slot).With("$at", at.UtcTicks))
        {
            insert.ExecuteNonQuery();
        }

        using var prune = transaction.Command("DELETE FROM power_ons WHERE at < $keepFrom").With("$keepFrom", keepFrom.UtcTicks);
        prune.ExecuteNonQuery();
    });
}
