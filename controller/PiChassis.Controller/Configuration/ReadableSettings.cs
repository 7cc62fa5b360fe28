using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PiChassis.Controller.Configuration;

/// <summary>
/// Binds a settings section so that a value which cannot be read (e.g. "abc" for a number) hides no
/// other error. The binder gives up a whole section at its first such value, so its validator would
/// never run; here each value is first tried on its own, the section is bound without the ones that
/// fail (those settings keep their defaults), and each of them is reported by key, value and what was
/// expected, beside the validator's errors.
/// </summary>
public static partial class ReadableSettings
{
    /// <param name="bind">Binds a section into the options: the source-generated binder needs the concrete type where it is called.</param>
    public static OptionsBuilder<T> BindReadable<T>(this OptionsBuilder<T> builder, IConfigurationSection section, Action<IConfiguration, T> bind)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configure(options => bind(Readable(section, bind), options));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>>(new UnreadableValues<T>(section, bind)));
        return builder;
    }

    /// <summary>
    /// A switch read while the services are registered (e.g. <c>Simulation:Enabled</c>): null when unset
    /// or unreadable. An unreadable one is left to its section's check, which stops the start.
    /// </summary>
    public static bool? Switch(IConfiguration configuration, string key)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return bool.TryParse(configuration[key], out var on) ? on : null;
    }

    /// <summary>The section, or when some of its values cannot be read a copy of it without them.</summary>
    private static IConfiguration Readable<T>(IConfigurationSection section, Action<IConfiguration, T> bind)
        where T : class, new()
    {
        var unreadable = Unreadable(section, bind).Select(u => u.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return unreadable.Count == 0 ? section
            : new ConfigurationBuilder().AddInMemoryCollection(section.AsEnumerable().Where(v => !unreadable.Contains(v.Key))).Build().GetSection(section.Path);
    }

    /// <summary>Each value of the section that cannot be read, in key order, with its error.</summary>
    private static List<(string Key, string Error)> Unreadable<T>(IConfigurationSection section, Action<IConfiguration, T> bind)
        where T : class, new()
    {
        // Most starts: the whole section reads, one trial bind.
        if (TryBind(section, bind) is null)
        {
            return [];
        }

        var found = new List<(string, string)>();
        foreach (var (key, value) in section.AsEnumerable().Where(v => v.Value is not null).OrderBy(v => v.Key, ConfigurationKeyComparer.Instance))
        {
            var alone = new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create(key, value)]).Build().GetSection(section.Path);
            if (TryBind(alone, bind) is { } failure)
            {
                found.Add((key, $"{key} \"{OptionChecks.Shorten(value)}\" is not {Expected(failure)}."));
            }
        }

        return found;
    }

    private static InvalidOperationException? TryBind<T>(IConfiguration section, Action<IConfiguration, T> bind)
        where T : class, new()
    {
        try
        {
            bind(section, new T());
            return null;
        }
        catch (InvalidOperationException e)
        {
            return e;
        }
    }

    /// <summary>
    /// What the setting takes, from the type the binder names in its error (it says nothing more structured);
    /// its own message where it names none.
    /// </summary>
    private static string Expected(InvalidOperationException failure)
    {
        var type = TargetType().Match(failure.Message) is { Success: true } match ? match.Groups["type"].Value : null;
        return type switch
        {
            null => $"readable: {failure.InnerException?.Message ?? failure.Message}",
            "System.Double" => "a number",
            "System.Int32" => $"a whole number from {int.MinValue} to {int.MaxValue}",
            "System.Boolean" => "true or false",
            "System.TimeSpan" => "a time, [d.]hh:mm:ss[.fff]",
            _ when type == typeof(I2cAddress).FullName => $"an I2C address ({I2cAddress.HowToWrite})",
            _ => EnumNames(type) is { } names ? $"one of {string.Join(", ", names)}" : $"a {type}",
        };
    }

    [UnconditionalSuppressMessage("Trimming", "IL2057", Justification =
        "Only names the choices in an error message; an enum the binder uses is kept, and one not found is named by its type instead.")]
    private static string[]? EnumNames(string type) => Type.GetType(type) is { IsEnum: true } found ? Enum.GetNames(found) : null;

    // The binder's "Failed to convert configuration value '…' at '…' to type '…'."
    [GeneratedRegex(@" to type '(?<type>[^']+)'\.$")]
    private static partial Regex TargetType();

    /// <summary>Reports the section's unreadable values as failures of its options, so they come with the validator's errors.</summary>
    private sealed class UnreadableValues<T>(IConfigurationSection section, Action<IConfiguration, T> bind) : IValidateOptions<T>
        where T : class, new()
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var unreadable = Unreadable(section, bind);
            return unreadable.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(unreadable.Select(u => u.Error));
        }
    }
}
