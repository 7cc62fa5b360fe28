using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using PiChassis.Controller.Engine;

namespace PiChassis.Controller.Redfish;

/// <summary>A slot as a Redfish ComputerSystem (docs/redfish.md lists what each property is made of).</summary>
public static class SystemResource
{
    public static JsonObject Build(SlotState slot, BootOverride boot, string chassisId)
    {
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentNullException.ThrowIfNull(boot);
        return new JsonObject
        {
            ["@odata.id"] = RedfishPaths.System(slot.Slot),
            ["@odata.type"] = RedfishSchemas.ComputerSystem,
            ["Id"] = RedfishPaths.System(slot.Slot)[(RedfishPaths.Systems.Length + 1)..],
            ["Name"] = $"Slot {slot.Slot}",
            ["Description"] = $"The node in slot {slot.Slot} of chassis {chassisId}",
            ["SystemType"] = "Physical",
            ["HostName"] = slot.Node,
            ["UUID"] = Uuid($"{chassisId}/slot/{slot.Slot}"),
            ["PowerState"] = PowerState(slot),
            ["Status"] = Status(slot),
            ["LocationIndicatorActive"] = slot.Identifying,

            // Deprecated by LocationIndicatorActive, and still what sushy (Ironic, Metal3) reads and sets.
            ["IndicatorLED"] = slot.Identifying ? "Blinking" : "Off",
            ["Boot"] = new JsonObject
            {
                ["BootSourceOverrideEnabled"] = boot.Enabled,
                ["BootSourceOverrideTarget"] = boot.Target,
                ["BootSourceOverrideMode"] = boot.Mode,
                ["BootSourceOverrideTarget@Redfish.AllowableValues"] = Values(BootOverride.TargetValues),
            },
            ["Links"] = new JsonObject { ["Chassis"] = new JsonArray(ServiceEndpoints.Link(RedfishPaths.SlotChassis(slot.Slot))) },
            ["Actions"] = new JsonObject
            {
                ["#ComputerSystem.Reset"] = new JsonObject
                {
                    ["target"] = RedfishPaths.Reset(slot.Slot),
                    ["ResetType@Redfish.AllowableValues"] = Values(ResetTypes.Allowed),
                    ["@Redfish.ActionInfo"] = RedfishPaths.ResetActionInfo(slot.Slot),
                },
            },
        };
    }

    public static JsonObject ResetActionInfo(int slot) => new()
    {
        ["@odata.id"] = RedfishPaths.ResetActionInfo(slot),
        ["@odata.type"] = RedfishSchemas.ActionInfo,
        ["Id"] = "ResetActionInfo",
        ["Name"] = "Reset action info",
        ["Parameters"] = new JsonArray(new JsonObject
        {
            ["Name"] = "ResetType",
            ["Required"] = true,
            ["DataType"] = "String",
            ["AllowableValues"] = Values(ResetTypes.Allowed),
        }),
    };

    /// <summary>On and off as the relay has them; the phases between as the transition they are.</summary>
    public static string PowerState(SlotState slot) => slot.Phase switch
    {
        SlotPhase.Off => "Off",
        SlotPhase.Queued or SlotPhase.Booting => "PoweringOn",
        SlotPhase.On => "On",
        SlotPhase.ShuttingDown => "PoweringOff",
        _ => slot.Power ? "On" : "Off",
    };

    /// <summary>The slot's <c>Status</c>, the same on its system and its chassis.</summary>
    public static JsonObject Status(SlotState slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        return new JsonObject { ["State"] = State(slot), ["Health"] = Health(slot) };
    }

    /// <summary>Absent when protection found no board (an empty slot); Disabled while locked or held off by protection.</summary>
    private static string State(SlotState slot) =>
        slot.Fault?.Code == FaultCodes.EmptySlot ? "Absent"
        : slot.Locked || slot.Held ? "Disabled"
        : "Enabled";

    /// <summary>Critical with a latched fault; Warning while protection holds the slot off.</summary>
    public static string Health(SlotState slot) => slot.Fault is not null ? "Critical" : slot.Held ? "Warning" : "OK";

    /// <summary>A stable UUID from a name (the same slot of the same chassis always has the same one).</summary>
    public static string Uuid(string name)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"pichassis:{name}")).AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50); // version 5-style, name-based
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes, bigEndian: true).ToString();
    }

    public static JsonArray Values(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
}
