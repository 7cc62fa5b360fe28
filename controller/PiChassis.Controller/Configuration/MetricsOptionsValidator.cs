using System.Net;
using Microsoft.Extensions.Options;
using static PiChassis.Controller.Configuration.OptionChecks;

namespace PiChassis.Controller.Configuration;

/// <summary>Checks the metrics endpoint's listen address, even while it is disabled, so enabling it later cannot fail at start.</summary>
public sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Result(Check(TryParseListen(options.Listen, out _),
            $"Metrics:Listen '{options.Listen}' must be an IP address and a port, e.g. 127.0.0.1:9464 or [::1]:9464."));
    }

    /// <summary>Parses <c>address:port</c>; the port must be given (1-65535).</summary>
    public static bool TryParseListen(string? listen, out IPEndPoint endPoint)
    {
        endPoint = new IPEndPoint(IPAddress.Loopback, 0);
        if (string.IsNullOrWhiteSpace(listen) || !IPEndPoint.TryParse(listen.Trim(), out var parsed) || parsed.Port == 0)
        {
            return false;
        }

        endPoint = parsed;
        return true;
    }
}
