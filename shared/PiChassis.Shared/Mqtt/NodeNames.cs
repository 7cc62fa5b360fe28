using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace PiChassis.Shared.Mqtt;

/// <summary>
/// The one syntax of a node name, wherever a name comes from (configuration, a learnt board, a
/// CLI target, a topic): a host name that is one MQTT topic level, never an option (no leading
/// <c>-</c>) and free of shell metacharacters, since it also goes into halt commands.
/// </summary>
public static partial class NodeNames
{
    /// <summary>The rule in words, for error messages.</summary>
    public const string Rule = "1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit";

    public static bool IsValid([NotNullWhen(true)] string? node) => node is not null && Pattern().IsMatch(node);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$")]
    private static partial Regex Pattern();
}
