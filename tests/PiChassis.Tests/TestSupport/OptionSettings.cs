using System.Reflection;
using PiChassis.Controller.Configuration;

namespace PiChassis.Tests.TestSupport;

/// <summary>
/// One setting an operator can give: a property the configuration binds, found by reflection.
/// </summary>
/// <param name="Key">The setting's path, e.g. <c>Chassis:Slots:0:Relay:Pin</c> (list items as the caller named them).</param>
/// <param name="ValueKey"><see cref="Key"/>, or for a list of plain values (<c>Watchdog:Slots</c>) the key of its first item.</param>
/// <param name="Property">The bound property.</param>
/// <param name="Type">The value's type: nullable unwrapped, or the item type of a list of plain values.</param>
/// <param name="IsListOfValues">A list of plain values, given item by item.</param>
/// <param name="Lists">The lists of items the setting is inside, outermost first, e.g. <c>Chassis:Slots</c>.</param>
/// <param name="Default">The value of a freshly constructed options object (or list item) before binding.</param>
public sealed record OptionSetting(string Key, string ValueKey, PropertyInfo Property, Type Type, bool IsListOfValues, IReadOnlyList<string> Lists, object? Default);

/// <summary>Every setting of every options section, found by reflection so that a new one cannot be missed.</summary>
public static class OptionSettings
{
    /// <summary>The sections: every options class with a <c>Section</c> constant.</summary>
    public static IEnumerable<(string Section, Type Type)> Sections() =>
        typeof(ChassisOptions).Assembly.GetTypes()
            .Select(t => (Type: t, Field: t.GetField("Section", BindingFlags.Public | BindingFlags.Static)))
            .Where(x => x.Field is { IsLiteral: true } && x.Field.FieldType == typeof(string))
            .Select(x => ((string)x.Field!.GetRawConstantValue()!, x.Type));

    /// <summary>Every setting; list items are written <c>List:<paramref name="item"/>:Key</c>.</summary>
    public static IEnumerable<OptionSetting> All(string item) =>
        Sections().SelectMany(s => Walk(s.Type, Activator.CreateInstance(s.Type)!, s.Section, item, []));

    /// <summary>The types a setting holds a value of; any other property is a nested class or a list of them.</summary>
    public static bool IsValue(Type type) =>
        type == typeof(TimeSpan) || type == typeof(int) || type == typeof(double) || type == typeof(string) || type == typeof(bool)
        || type == typeof(I2cAddress) || type.IsEnum;

    private static IEnumerable<OptionSetting> Walk(Type type, object instance, string path, string item, IReadOnlyList<string> lists)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var key = $"{path}:{property.Name}";
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            // A map of names to strings (Autoscaler:NodeGroups:0:Labels) is given entry by entry, like a list of values.
            var itemType = propertyType == typeof(Dictionary<string, string>) ? typeof(string)
                : propertyType.IsGenericType && propertyType.GetGenericTypeDefinition() == typeof(List<>) ? propertyType.GetGenericArguments()[0] : null;

            // The binder sets what has a public setter and fills lists in place; the rest (UsesTls, NodeIsDefault) is read-only.
            if (property.SetMethod is not { IsPublic: true } && itemType is null)
            {
                continue;
            }

            var value = property.GetValue(instance);
            if (itemType is not null && !IsValue(itemType))
            {
                foreach (var setting in Walk(itemType, Activator.CreateInstance(itemType)!, $"{key}:{item}", item, [.. lists, key]))
                {
                    yield return setting;
                }

                continue;
            }

            if (itemType is null && !IsValue(propertyType))
            {
                if (propertyType.Namespace != typeof(ChassisOptions).Namespace || !propertyType.IsClass || value is null)
                {
                    throw new InvalidOperationException($"{key}: {propertyType} is neither a setting's value nor a section's part.");
                }

                foreach (var setting in Walk(propertyType, value, key, item, lists))
                {
                    yield return setting;
                }

                continue;
            }

            yield return new OptionSetting(key, itemType is null ? key : $"{key}:{item}", property, itemType ?? propertyType, itemType is not null, lists, value);
        }
    }
}
