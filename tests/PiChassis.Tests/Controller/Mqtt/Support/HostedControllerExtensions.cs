using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using PiChassis.TestHost;

namespace PiChassis.Tests.Controller.Mqtt.Support;

/// <summary>What the tests add to the shared in-process controller: a test broker, quick reconnects, and its logs kept.</summary>
internal static class HostedControllerExtensions
{
    extension(HostedController)
    {
        /// <summary>A controller on the broker at <paramref name="port"/> (null host: it starts its embedded broker there).</summary>
        public static Task<HostedController> StartAsync(int port, string? host = "127.0.0.1", IDictionary<string, string?>? settings = null)
        {
            var config = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
            {
                ["Mqtt:Host"] = host,
                ["Mqtt:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Mqtt:ReconnectMinDelay"] = "00:00:00.200",
                ["Mqtt:ReconnectMaxDelay"] = "00:00:01",
                ["Mqtt:KeepAlive"] = "00:00:05",
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                config[key] = value;
            }

            return HostedController.StartAsync(config, builder => builder.Logging.AddFakeLogging());
        }
    }

    extension(HostedController controller)
    {
        /// <summary>Everything the controller logged at Information and above.</summary>
        public FakeLogCollector Logs => controller.Services.GetFakeLogCollector();

        /// <summary>How many times the message with <paramref name="eventId"/> was logged.</summary>
        public int Logged(int eventId) => controller.Logs.GetSnapshot().Count(r => r.Id.Id == eventId);
    }
}
