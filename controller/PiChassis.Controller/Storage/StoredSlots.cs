using Microsoft.Data.Sqlite;
using PiChassis.Controller.Engine;

namespace PiChassis.Controller.Storage;

/// <summary>The <c>slots</c> table: one row per slot, enums by name. A row that no longer reads (an unknown name) is skipped.</summary>
internal static class StoredSlots
{
    public static void Write(SqliteTransaction transaction, PersistedSlot slot, DateTimeOffset at)
    {
        using var upsert = transaction.Command("""
            INSERT INTO slots(slot, node, phase, desired_on, policy, locked, fault_code, fault_message, fault_at,
                              relay_cycles, learned_boot_peak_w, shed_for_heat, saved_at, learned_inrush_ticks, relay_opened_at)
            VALUES($slot, $node, $phase, $desired, $policy, $locked, $code, $message, $faultAt, $cycles, $peak, $shed, $at, $inrush, $opened)
            ON CONFLICT(slot) DO UPDATE SET node = excluded.node, phase = excluded.phase, desired_on = excluded.desired_on,
                policy = excluded.policy, locked = excluded.locked, fault_code = excluded.fault_code,
                fault_message = excluded.fault_message, fault_at = excluded.fault_at, relay_cycles = excluded.relay_cycles,
                learned_boot_peak_w = excluded.learned_boot_peak_w, shed_for_heat = excluded.shed_for_heat, saved_at = excluded.saved_at,
                learned_inrush_ticks = excluded.learned_inrush_ticks, relay_opened_at = excluded.relay_opened_at
            """)
            .With("$slot", slot.Slot)
            .With("$node", slot.Node)
            .With("$phase", slot.Phase.ToString())
            .With("$desired", slot.DesiredOn)
            .With("$policy", slot.Policy.ToString())
            .With("$locked", slot.Locked)
            .With("$code", slot.Fault?.Code)
            .With("$message", slot.Fault?.Message)
            .With("$faultAt", slot.Fault?.At.UtcTicks)
            .With("$cycles", slot.RelayCycles)
            .With("$peak", slot.LearnedBootPeakW)
            .With("$shed", slot.ShedForHeat)
            .With("$at", at.UtcTicks)
            .With("$inrush", slot.LearnedInrush?.Ticks)
            .With("$opened", slot.RelayOpenedAt?.UtcTicks);
        upsert.ExecuteNonQuery();
    }

    public static List<PersistedSlot> ReadAll(SqliteConnection connection)
    {
        using var select = connection.Command("""
            SELECT slot, node, phase, desired_on, policy, locked, fault_code, fault_message, fault_at,
                   relay_cycles, learned_boot_peak_w, shed_for_heat, learned_inrush_ticks, relay_opened_at
            FROM slots ORDER BY slot
            """);
        using var reader = select.ExecuteReader();
        var slots = new List<PersistedSlot>();
        while (reader.Read())
        {
            if (Parse<SlotPhase>(reader.GetString(2)) is not { } phase || Parse<SlotPolicy>(reader.GetString(4)) is not { } policy)
            {
                continue;
            }

            var fault = reader.IsDBNull(6)
                ? null
                : new SlotFault(reader.GetString(6), reader.IsDBNull(7) ? "" : reader.GetString(7), new DateTimeOffset(reader.IsDBNull(8) ? 0 : reader.GetInt64(8), TimeSpan.Zero));
            slots.Add(new PersistedSlot(
                reader.GetInt32(0),
                reader.GetString(1),
                phase,
                reader.GetBoolean(3),
                policy,
                reader.GetBoolean(5),
                fault,
                reader.GetInt64(9),
                reader.IsDBNull(10) ? null : reader.GetDouble(10),
                reader.GetBoolean(11),
                reader.IsDBNull(12) ? null : TimeSpan.FromTicks(reader.GetInt64(12)),
                reader.IsDBNull(13) ? null : new DateTimeOffset(reader.GetInt64(13), TimeSpan.Zero)));
        }

        return slots;
    }

    private static T? Parse<T>(string name)
        where T : struct, Enum => Enum.TryParse<T>(name, out var value) && Enum.IsDefined(value) ? value : null;
}
