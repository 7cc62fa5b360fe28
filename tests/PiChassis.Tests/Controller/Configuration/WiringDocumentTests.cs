using System.Globalization;
using System.Text.RegularExpressions;
using PiChassis.Controller.Configuration;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Tests.Controller.Configuration;

/// <summary>
/// wiring.md is the default build, and <see cref="DefaultWiring"/> is what the controller assumes when
/// the configuration says nothing: the two must not drift. Each test reads a table of wiring.md.
/// </summary>
public sealed partial class WiringDocumentTests
{
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "wiring.md"));

    [Fact]
    public void SlotTable_EverySlot_MatchesTheDefaultWiring()
    {
        var chassis = new ChassisOptions { SlotCount = DefaultWiring.MaxSlots };
        DefaultWiring.ApplyTo(chassis);

        var rows = Lines.Select(l => SlotRow().Match(l)).Where(m => m.Success).ToList();

        Assert.Equal(DefaultWiring.MaxSlots, rows.Count);
        foreach (var row in rows)
        {
            var slot = chassis.Slots.Single(s => s.Slot == Number(row, "slot"));
            Assert.Equal(slot.SensorAddress!.Value.Value, Hex(row.Groups["ina"].Value));
            Assert.Equal(slot.Relay.Pin, ExpanderPin(row.Groups["relay"].Value));
            Assert.Equal(slot.Led.Pin, ExpanderPin(row.Groups["led"].Value));
            Assert.Equal(slot.ButtonPin, Number(row, "button"));
        }
    }

    [Fact]
    public void AddressMap_ProbesAndExpanders_MatchTheDefaultWiring()
    {
        var chassis = new ChassisOptions { SlotCount = DefaultWiring.MaxSlots };
        DefaultWiring.ApplyTo(chassis);

        Assert.Equal(Hex(AddressOf("inlet air temperature")), chassis.Probes.Single(p => p.Name == "inlet").Address!.Value.Value);
        Assert.Equal(Hex(AddressOf("exhaust air temperature")), chassis.Probes.Single(p => p.Name == "exhaust").Address!.Value.Value);
        Assert.All(chassis.Slots, s => Assert.Equal(Hex(AddressOf("slot switches")), s.Relay.Address!.Value.Value));
        Assert.All(chassis.Slots, s => Assert.Equal(Hex(AddressOf("slot LEDs")), s.Led.Address!.Value.Value));
        Assert.Equal("0x40-0x4F", AddressOf("slot n at 0x40"));
        Assert.Equal(0x40, DefaultWiring.FirstSensorAddress);
    }

    [Fact]
    public void HeaderTable_MasterButtonAndStatusLed_MatchTheDefaultWiring()
    {
        Assert.Equal(DefaultWiring.MasterButtonPin, GpioOf("**master button**"));
        Assert.Equal(DefaultWiring.StatusLedPin, GpioOf("**chassis status LED**"));
    }

    [Fact]
    public void ShuntTable_TheDefaultShunt_IsTheSlotsDefault()
    {
        var row = Assert.Single(Lines, l => l.Contains("(default)**", StringComparison.Ordinal));
        var ohms = double.Parse(ShuntOhms().Match(row).Groups["ohms"].Value, CultureInfo.InvariantCulture);

        Assert.Equal(new SlotOptions().ShuntOhms, ohms);
    }

    /// <summary>The address column of the address map row whose function contains <paramref name="function"/>.</summary>
    private static string AddressOf(string function) =>
        Lines.Where(l => l.StartsWith("| 0x", StringComparison.Ordinal) && l.Contains(function, StringComparison.Ordinal))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries)[1])
            .Single();

    /// <summary>The GPIO of the 40-pin header cell labelled <paramref name="function"/> (the table has two pins per row).</summary>
    private static int GpioOf(string function)
    {
        var cells = Lines.Where(l => l.Contains(function, StringComparison.Ordinal)).Single().Split('|', StringSplitOptions.TrimEntries);
        var at = Array.IndexOf(cells, function);
        return int.Parse(Gpio().Match(cells[at - 1]).Groups["n"].Value, CultureInfo.InvariantCulture);
    }

    private static int Number(Match row, string group) => int.Parse(row.Groups[group].Value, CultureInfo.InvariantCulture);

    private static int Hex(string text) => int.Parse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    /// <summary>GPA0-7 are pins 0-7 of the MCP23017, GPB0-7 are 8-15.</summary>
    private static int ExpanderPin(string name) => (name[2] == 'B' ? 8 : 0) + (name[3] - '0');

    [GeneratedRegex(@"^\| (?<slot>\d+) \| (?<ina>0x[0-9A-F]{2}) \| \w+ \| \w+ \| (?<relay>GP[AB]\d) \(\d+\) \| (?<led>GP[AB]\d) \(\d+\) \| GPIO(?<button>\d+) \(\d+\) \|$")]
    private static partial Regex SlotRow();

    [GeneratedRegex(@"(?<ohms>\d+(\.\d+)?) Ω")]
    private static partial Regex ShuntOhms();

    [GeneratedRegex(@"GPIO(?<n>\d+)")]
    private static partial Regex Gpio();
}
