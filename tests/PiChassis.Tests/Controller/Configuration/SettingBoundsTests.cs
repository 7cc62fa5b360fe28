using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Hosting;

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
    };

    /// <summary>One setting out of range (<see cref="Settings"/>), in an otherwise valid configuration (<see cref="Valid"/>).</summary>
    private sealed record BadSetting(string Key, string Value, IReadOnlyDictionary<string, string> Valid, IReadOnlyDictionary<string, string> Settings, Func<string, bool> Names)
    {
        public override string ToString() => $"{Key}={(Value.Length > 20 ? $"<{Value.Length} characters>" : Value)}";
    }

    [Fact]
    public void Collect_EverySettingOutOfRange_ReportedByName()
    {
        var cases = Sections().SelectMany(s => Walk(s.Type, s.Section, new Dictionary<string, string>(), label: null)).ToList();
        Assert.Contains(cases, c => c.Key == "Protection:OvercurrentDwell");
        Assert.Contains(cases, c => c.Key == "Chassis:Slots:0:Relay:Pin");

        foreach (var valid in cases.Select(c => c.Valid).DistinctBy(Text))
        {
            Assert.Empty(Collect(valid));
        }

        // A value the binder cannot read proves no bound: the value must bind and then be refused.
        var unreported = cases.Where(c => !Collect(c.Settings).Any(e => c.Names(e) && !e.Contains("Failed to convert", StringComparison.Ordinal)));
        Assert.Empty(unreported.Select(c => c.ToString()));
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

    /// <summary>The sections: every options class with a <c>Section</c> constant.</summary>
    private static IEnumerable<(string Section, Type Type)> Sections() =>
        typeof(ChassisOptions).Assembly.GetTypes()
            .Select(t => (Type: t, Field: t.GetField("Section", BindingFlags.Public | BindingFlags.Static)))
            .Where(x => x.Field is { IsLiteral: true } && x.Field.FieldType == typeof(string))
            .Select(x => ((string)x.Field!.GetRawConstantValue()!, x.Type));

    private static IEnumerable<BadSetting> Walk(Type type, string path, Dictionary<string, string> valid, Func<IReadOnlyDictionary<string, string>, string>? label)
    {
        var nullability = new NullabilityInfoContext();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var key = $"{path}:{property.Name}";
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;

            // The only allow-list: a switch has no value that can be wrong.
            if (propertyType == typeof(bool))
            {
                continue;
            }

            var itemType = propertyType.IsGenericType && propertyType.GetGenericTypeDefinition() == typeof(List<>) ? propertyType.GetGenericArguments()[0] : null;
            if (itemType is not null && !IsSetting(itemType))
            {
                var item = $"{key}:0";
                var itemValid = new Dictionary<string, string>(valid);
                var itemLabel = label ?? (_ => item);
                if (NamedItems.TryGetValue(key, out var named))
                {
                    foreach (var (k, v) in named.Valid)
                    {
                        itemValid[$"{item}:{k}"] = v;
                    }

                    itemLabel = label ?? named.Label;
                }

                foreach (var bad in Walk(itemType, item, itemValid, itemLabel))
                {
                    yield return bad;
                }

                continue;
            }

            if (itemType is null && !IsSetting(propertyType))
            {
                Assert.True(propertyType.Namespace == typeof(ChassisOptions).Namespace && propertyType.IsClass, $"{key}: no out-of-range values known for {propertyType}.");
                foreach (var bad in Walk(propertyType, key, valid, label))
                {
                    yield return bad;
                }

                continue;
            }

            var settingKey = itemType is null ? key : $"{key}:0";
            var canBeEmpty = itemType is not null || nullability.Create(property).WriteState != NullabilityState.NotNull;
            foreach (var value in OutOfRange(itemType ?? propertyType, canBeEmpty))
            {
                var settings = new Dictionary<string, string>(valid) { [settingKey] = value };

                // Inside a list item the key is named in a sentence of the item's ("Slot 1 relay: unknown driver ''").
                Func<string, bool> names = label is null
                    ? e => e.Contains(key, StringComparison.Ordinal)
                    : e => e.Contains(label(settings), StringComparison.Ordinal) && e.Contains(property.Name, StringComparison.OrdinalIgnoreCase);
                yield return new BadSetting(settingKey, value, valid, settings, names);
            }
        }
    }

    private static bool IsSetting(Type type) =>
        type == typeof(TimeSpan) || type == typeof(int) || type == typeof(double) || type == typeof(string) || type == typeof(I2cAddress) || type.IsEnum;

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
