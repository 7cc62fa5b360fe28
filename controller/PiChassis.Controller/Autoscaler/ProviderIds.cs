using System.Globalization;

namespace PiChassis.Controller.Autoscaler;

/// <summary>
/// A slot's provider ID, <c>pichassis://&lt;chassis&gt;/&lt;slot&gt;</c>: what each node's kubelet is started with
/// (<c>--provider-id</c>) and how the autoscaler names instances.
/// </summary>
public static class ProviderIds
{
    public const string Scheme = "pichassis://";

    public static string For(string chassisId, int slot) => string.Create(CultureInfo.InvariantCulture, $"{Scheme}{chassisId}/{slot}");

    /// <summary>Reads a provider ID; false when it is none of ours (another provider's, or malformed).</summary>
    public static bool TryParse(string? providerId, out string chassisId, out int slot)
    {
        chassisId = "";
        slot = 0;
        if (providerId is null || !providerId.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = providerId.AsSpan(Scheme.Length);
        var slash = rest.IndexOf('/');
        if (slash <= 0 || !int.TryParse(rest[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out slot))
        {
            return false;
        }

        chassisId = rest[..slash].ToString();
        return true;
    }
}
