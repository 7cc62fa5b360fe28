using System.Globalization;

namespace PiChassis.Controller.Autoscaler;

/// <summary>
/// Kubernetes resource quantities in their canonical text: no fraction, and the largest suffix that
/// loses nothing (4000 millicores is "4", 4096 MiB is "4Gi"), as Go's Quantity.String() writes them.
/// </summary>
internal static class ResourceQuantity
{
    private static readonly string[] BinarySuffixes = ["Mi", "Gi", "Ti", "Pi", "Ei"];

    public static string Cpu(int millicores)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(millicores);
        return millicores % 1000 == 0 ? Count(millicores / 1000) : $"{Count(millicores)}m";
    }

    public static string Memory(int mebibytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(mebibytes);
        if (mebibytes == 0)
        {
            return "0";
        }

        var suffix = 0;
        while (suffix < BinarySuffixes.Length - 1 && mebibytes % 1024 == 0)
        {
            mebibytes /= 1024;
            suffix++;
        }

        return Count(mebibytes) + BinarySuffixes[suffix];
    }

    public static string Count(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return value.ToString(CultureInfo.InvariantCulture);
    }
}
