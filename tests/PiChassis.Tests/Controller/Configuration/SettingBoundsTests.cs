using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Hosting;
using PiChassis.Controller.Redfish;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Tests.Controller.Configuration;

/// <summary>
/// Every setting of every section has bounds checked at start. The settings are found by reflection,
/// so one added without a check fails here; each bad value goes in as an operator would write it and
/// must come back from the start-up check as an error naming the setting.
/// </summary>
public class SettingBoundsTests
{
    // Longer than any name, host, path, topic or MQTT string may be.
    private static readonly string Absurd = new('x', 70_000);

    // List items the chassis validator names as the operator knows them ("Slot 3", "Probe 'inlet'"),
    // not by list index (slots are sorted by number after binding), with what makes such an item valid.
    private static readonly Dictionary<string, (Dictionary<string, string> Valid, Func<IReadOnlyDictionary<string, string>, string> Label)> NamedItems = new()
    {
        ["Chassis:Slots"] = (new() { ["Slot"] = "1" }, s => $"Slot {s["Chassis:Slots:0:Slot"]}"),
        ["Chassis:Probes"] = (new() { ["Name"] = "inlet", ["Address"] = "0x18" }, s => $"Probe '{s["Chassis:Probes:0:Name"]}'"),
        ["Autoscaler:NodeGroups"] = (new() { ["Name"] = "workers", ["Nodes"] = "node01" }, _ => "Autoscaler:NodeGroups:0"),
        ["Redfish:Accounts"] = (new() { ["UserName"] = "ops", ["PasswordHash"] = PasswordHash.Create("pw", 10_000).ToString() }, _ => "Redfish:Accounts:0"),
    };

    // A required field of a list item has no default that means anything: read or not, the item lacks it, and says so.
    private static readonly HashSet<string> RequiredInItem = ["Chassis:Slots:0:Slot", "Chassis:Probes:0:Address"];

    /// <summary>One setting out of range (<see cref="Settings"/>), in an otherwise valid configuration (<see cref="Valid"/>).</summary>
    private sealed record BadSetting(string Key, string Value, IReadOnlyDictionary<string, string> Valid, IReadOnlyDictionary<string, string> Settings, Func<string, bool> Names)
    {
        public override string ToString() => $"{Key}={(Value.Length > 20 ? $"<{Value.Length} characters>" : Value)}";
    }

    [Fact]
    public void Collect_EverySettingOutOfRange_ReportedByName()
    {
        // The only allow-list: a switch has no value that can be wrong.
        var cases = OptionSettings.All(item: "0").Where(s => s.Type != typeof(bool)).SelectMany(BadSettings).ToList();
        Assert.Contains(cases, c => c.Key == "Protection:OvercurrentDwell");
        Assert.Contains(cases, c => c.Key == "Chassis:Slots:0:Relay:Pin");

        foreach (var valid in cases.Select(c => c.Valid).DistinctBy(Text))
        {
            Assert.Empty(Collect(valid));
        }

        // A value the binder cannot read proves no bound: the value must bind and then be refused.
        var unreported = cases.Where(c => !Collect(c.Settings).Any(e => c.Names(e) && !e.StartsWith($"{c.Key} \"", StringComparison.Ordinal)));
        Assert.Empty(unreported.Select(c => c.ToString()));
    }

    [Fact]
    public void Collect_EverySettingUnreadable_NamedAloneByItsKey()
    {
        // No setting but a text reads "?": each must come back by its key, in whatever section or list
        // it is, and alone: the default it leaves in place is no error of the operator's.
        var wrong = OptionSettings.All(item: "0").Where(s => s.Type != typeof(string))
            .Select(s => (s.ValueKey, Errors: Collect(new Dictionary<string, string>(BadSettings(s).First().Valid) { [s.ValueKey] = "?" })))
            .Where(c => (c.Errors.Count != 1 && !RequiredInItem.Contains(c.ValueKey))
                || !c.Errors[0].StartsWith($"{c.ValueKey} \"?\" is not ", StringComparison.Ordinal));
        Assert.Empty(wrong.Select(c => $"{c.ValueKey}: {string.Join(" | ", c.Errors)}"));
    }

    [Fact]
    public void Collect_HourLongDwellsAndShedIntervals_AllListedAtOnce()
    {
        var keys = new[]
        {
            "Protection:OvercurrentDwell", "Protection:UndervoltageDwell", "Protection:RelayCheckDwell",
            "Protection:ShedInterval", "Protection:TemperatureShedInterval",
        };

        var errors = Collect(keys.ToDictionary(k => k, _ => "01:00:00"));

        Assert.Equal(keys.Order(), errors.Select(e => e[..e.IndexOf(' ', StringComparison.Ordinal)]).Order());
    }

    private static IReadOnlyList<string> Collect(IReadOnlyDictionary<string, string> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
        using var services = new ServiceCollection().AddLogging().AddPiChassisController(configuration).BuildServiceProvider();
        return ConfigurationCheck.Collect(services);
    }

    /// <summary>Each setting's out-of-range values, in a configuration whose list items are otherwise valid.</summary>
    private static IEnumerable<BadSetting> BadSettings(OptionSetting setting)
    {
        var valid = new Dictionary<string, string>();
        Func<IReadOnlyDictionary<string, string>, string>? label = null;
        foreach (var list in setting.Lists)
        {
            var item = $"{list}:0";
            Func<IReadOnlyDictionary<string, string>, string> itemLabel = _ => item;
            if (NamedItems.TryGetValue(list, out var named))
            {
                foreach (var (k, v) in named.Valid)
                {
                    valid[$"{item}:{k}"] = v;
                }

                itemLabel = named.Label;
            }

            // The outermost list names the item in the error.
            label ??= itemLabel;
        }

        var canBeEmpty = setting.IsListOfValues || new NullabilityInfoContext().Create(setting.Property).WriteState != NullabilityState.NotNull;
        foreach (var value in OutOfRange(setting.Type, canBeEmpty))
        {
            var settings = new Dictionary<string, string>(valid) { [setting.ValueKey] = value };

            // Inside a list item the key is named in a sentence of the item's ("Slot 1 relay: unknown driver ''").
            Func<string, bool> names = label is null
                ? e => e.Contains(setting.Key, StringComparison.Ordinal)
                : e => e.Contains(label(settings), StringComparison.Ordinal) && e.Contains(setting.Property.Name, StringComparison.OrdinalIgnoreCase);
            yield return new BadSetting(setting.ValueKey, value, valid, settings, names);
        }
    }

    /// <summary>Values no setting of the type may take; an empty string only where the setting is required.</summary>
    private static IEnumerable<string> OutOfRange(Type type, bool canBeEmpty)
    {
        if (type == typeof(TimeSpan))
        {
            return ["-00:00:01", "36500.00:00:00"];
        }

        if (type == typeof(double))
        {
            return ["-1e300", "1e300", "NaN"];
        }

        if (type == typeof(I2cAddress))
        {
            return ["-1", "0x78"];
        }

        if (type == typeof(string))
        {
            return canBeEmpty ? [Absurd] : ["", Absurd];
        }

        // int, and enums by number.
        return [int.MinValue.ToString(CultureInfo.InvariantCulture), int.MaxValue.ToString(CultureInfo.InvariantCulture)];
    }

    private static string Text(IReadOnlyDictionary<string, string> settings) =>
        string.Join(" ", settings.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}"));
}
