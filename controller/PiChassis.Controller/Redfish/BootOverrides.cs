using System.Collections.Concurrent;

namespace PiChassis.Controller.Redfish;

/// <summary>
/// Boot source overrides kept per slot in memory, returned as set. A Pi's boot order is its own
/// (its EEPROM's BOOT_ORDER): nothing here changes how a node boots. The values are kept because
/// provisioning systems (MAAS) set a PXE override before every power action and fail if refused.
/// </summary>
public sealed class BootOverrides
{
    private readonly ConcurrentDictionary<int, BootOverride> _bySlot = new();

    public BootOverride this[int slot] => _bySlot.GetValueOrDefault(slot, BootOverride.None);

    public void Set(int slot, BootOverride value) => _bySlot[slot] = value;

    /// <summary>
    /// Sets the slot's override if it is still <paramref name="seen"/>, in one step: of two PATCHes
    /// that passed If-Match on the same ETag, only the first may change it.
    /// </summary>
    public bool TrySet(int slot, BootOverride seen, BootOverride value) =>
        _bySlot.ContainsKey(slot) ? _bySlot.TryUpdate(slot, value, seen) : seen == BootOverride.None && _bySlot.TryAdd(slot, value);
}
