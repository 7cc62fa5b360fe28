using System.Text.Json.Nodes;
using static PiChassis.Controller.Redfish.ServiceEndpoints;

namespace PiChassis.Controller.Redfish;

/// <summary>
/// The supply: <c>PowerSubsystem</c> with its one power supply (the enclosure's), and the deprecated
/// <c>Power</c> of every chassis, whose <c>PowerControl[0].PowerConsumedWatts</c> is what Kepler reads.
/// The PSU's rating is <c>Power:PsuBudgetW</c>, what it may deliver to the slots.
/// </summary>
public static class PowerResource
{
    public const string SupplyId = "PSU";

    public static string Subsystem => RedfishPaths.OfChassis(RedfishPaths.EnclosureId, "PowerSubsystem");

    public static string Supplies => $"{Subsystem}/PowerSupplies";

    public static JsonObject PowerSubsystem(ChassisView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new JsonObject
        {
            ["@odata.id"] = Subsystem,
            ["@odata.type"] = RedfishSchemas.PowerSubsystem,
            ["Id"] = "PowerSubsystem",
            ["Name"] = "Power subsystem",
            ["CapacityWatts"] = view.Power.PsuBudgetW,

            // The budget is what the supply may give; what the engine has committed to slots on and booting is requested of it.
            ["Allocation"] = new JsonObject { ["AllocatedWatts"] = view.Power.PsuBudgetW },
            ["Status"] = new JsonObject { ["State"] = "Enabled", ["Health"] = "OK" },
            ["PowerSupplies"] = Link(Supplies),
        };
    }

    public static JsonObject PowerSupplies() =>
        CollectionResource.Build(Supplies, RedfishSchemas.PowerSupplyCollection, "Power supplies", [$"{Supplies}/{SupplyId}"]);

    public static JsonObject PowerSupply(ChassisView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new JsonObject
        {
            ["@odata.id"] = $"{Supplies}/{SupplyId}",
            ["@odata.type"] = RedfishSchemas.PowerSupply,
            ["Id"] = SupplyId,
            ["Name"] = "Chassis power supply",
            ["PowerCapacityWatts"] = view.Power.PsuBudgetW,
            ["Status"] = new JsonObject { ["State"] = "Enabled", ["Health"] = "OK" },
        };
    }

    /// <summary>The deprecated Power resource: the enclosure's total, capacity and budget, or a slot's draw; the bus voltage of either.</summary>
    public static JsonObject Power(ChassisView view, string id)
    {
        ArgumentNullException.ThrowIfNull(view);
        var path = RedfishPaths.OfChassis(id, "Power");
        var enclosure = ChassisView.IsEnclosure(id);
        var control = new JsonObject
        {
            ["@odata.id"] = $"{path}#/PowerControl/0",
            ["MemberId"] = "0",
            ["Name"] = enclosure ? "Chassis power" : $"Slot {id} power",
            ["PowerConsumedWatts"] = enclosure ? view.TotalPowerW : view.PowerW(view.Slot(id)!.Slot),
        };
        if (enclosure)
        {
            control["PowerCapacityWatts"] = view.Power.PsuBudgetW;
            control["PowerLimit"] = new JsonObject { ["LimitInWatts"] = view.Power.PsuBudgetW, ["LimitException"] = "NoAction" };
        }

        var body = new JsonObject
        {
            ["@odata.id"] = path,
            ["@odata.type"] = RedfishSchemas.Power,
            ["Id"] = "Power",
            ["Name"] = "Power",
            ["PowerControl"] = new JsonArray(control),
            ["Voltages"] = new JsonArray(new JsonObject
            {
                ["@odata.id"] = $"{path}#/Voltages/0",
                ["MemberId"] = "0",
                ["Name"] = "Bus voltage",
                ["ReadingVolts"] = enclosure ? view.BusVoltageV : view.VoltageV(view.Slot(id)!.Slot),
                ["PhysicalContext"] = enclosure ? "PowerSupply" : "Board",
            }),
        };
        if (enclosure)
        {
            body["PowerSupplies"] = new JsonArray(new JsonObject
            {
                ["@odata.id"] = $"{path}#/PowerSupplies/0",
                ["MemberId"] = "0",
                ["Name"] = "Chassis power supply",
                ["PowerCapacityWatts"] = view.Power.PsuBudgetW,
            });
        }

        return body;
    }
}
