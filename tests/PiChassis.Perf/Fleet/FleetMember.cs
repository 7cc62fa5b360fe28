using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PiChassis.Perf.Fleet;

/// <summary>
/// One controller of the fleet: its chassis id, its own data directory, and a settings file naming
/// its nodes uniquely across the fleet (<c>f03n05</c>: chassis 3, slot 5): on one broker a node name
/// is the fleet's, not one chassis's (README.md, "Node names and plug &amp; play").
/// </summary>
public sealed class FleetMember
{
    private FleetMember(int number, string dataDir)
    {
        Number = number;
        DataDir = dataDir;
    }

    public int Number { get; }

    public string ChassisId => string.Create(CultureInfo.InvariantCulture, $"fleet-{Number:D2}");

    public string DataDir { get; }

    public string ConfigFile => Path.Combine(DataDir, "fleet.json");

    public static string NodeName(int chassis, int slot) => string.Create(CultureInfo.InvariantCulture, $"f{chassis:D2}n{slot:D2}");

    public static async Task<FleetMember> CreateAsync(int number, int slots, string root)
    {
        var member = new FleetMember(number, Path.Combine(root, string.Create(CultureInfo.InvariantCulture, $"c{number:D2}")));
        Directory.CreateDirectory(member.DataDir);
        var slotList = new JsonArray([.. Enumerable.Range(1, slots).Select(s => (JsonNode)new JsonObject { ["Slot"] = s, ["Node"] = NodeName(number, s) })]);
        var settings = new JsonObject { ["Chassis"] = new JsonObject { ["Slots"] = slotList } };
        await File.WriteAllTextAsync(member.ConfigFile, settings.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return member;
    }
}
