using Microsoft.Extensions.Options;
using static PiChassis.Controller.Configuration.OptionChecks;

namespace PiChassis.Controller.Configuration;

/// <summary>Refuses the removed <c>Metrics:Listen</c>, naming what replaced it, so a scraper is not left pointing at a port nobody opens.</summary>
public sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Result(Check(options.Listen is null,
            $"Metrics:Listen '{options.Listen}' is no longer supported: /metrics is served by the controller's one HTTP server, "
            + "on Redfish:Address and Redfish:Port (HTTPS with Redfish:CertificatePath off loopback). Remove Metrics:Listen and scrape <address>:<Redfish:Port>/metrics."));
    }
}
