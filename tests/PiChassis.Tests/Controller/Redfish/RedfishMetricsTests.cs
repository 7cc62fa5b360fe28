using System.Net;

namespace PiChassis.Tests.Controller.Redfish;

/// <summary><c>/metrics</c> on the Redfish server: open to scrapers by default, any Redfish role with <c>Metrics:RequireAuth</c>.</summary>
public sealed class RedfishMetricsTests
{
    private static readonly Uri Metrics = new("/metrics", UriKind.Relative);

    [Fact]
    public async Task Metrics_ByDefault_AnonymousScrapeWithContentNegotiation()
    {
        await using var host = await RedfishHost.StartAsync(new Dictionary<string, string?> { ["Metrics:Enabled"] = "true" });
        var anonymous = host.Client(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, Metrics);
        request.Headers.Accept.ParseAdd("application/openmetrics-text; version=1.0.0");

        using var openMetrics = await anonymous.SendAsync(request);
        using var classic = await anonymous.GetAsync(Metrics);
        using var systems = await anonymous.GetAsync(new Uri("/redfish/v1/Systems", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, openMetrics.StatusCode);
        Assert.StartsWith("application/openmetrics-text; version=1.0.0", openMetrics.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("# EOF\n", await openMetrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.StartsWith("text/plain; version=0.0.4", classic.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Contains("pichassis_slot_phase{", await classic.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, systems.StatusCode);
    }

    [Fact]
    public async Task Metrics_RequireAuth_AnonymousRefusedAnyRoleServed()
    {
        await using var host = await RedfishHost.StartAsync(new Dictionary<string, string?> { ["Metrics:Enabled"] = "true", ["Metrics:RequireAuth"] = "true" });

        using var anonymous = await host.Client(null).GetAsync(Metrics);
        using var readOnly = await host.Client(RedfishHost.ReadOnly, RedfishHost.Password).GetAsync(Metrics);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readOnly.StatusCode);
        Assert.Contains("pichassis_slot_phase{", await readOnly.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_NotEnabled_NotFound()
    {
        await using var host = await RedfishHost.StartAsync();

        using var response = await host.Client().GetAsync(Metrics);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
