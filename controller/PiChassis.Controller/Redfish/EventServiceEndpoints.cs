using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PiChassis.Controller.Redfish;

/// <summary>
/// The EventService: its resource, an always empty <c>Subscriptions</c> collection (push subscriptions
/// are not offered: a POST there is answered 405), and the journal as Server-Sent Events (<see cref="ServerSentEvents"/>).
/// </summary>
public sealed class EventServiceEndpoints(ServerSentEvents stream)
{
    public void Map(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapMethods(RedfishPaths.EventService, RedfishServer.ReadMethods, context => RedfishResponse.WriteAsync(context, Service()));
        app.MapMethods(RedfishPaths.Subscriptions, RedfishServer.ReadMethods, context => RedfishResponse.WriteAsync(context,
            CollectionResource.Build(RedfishPaths.Subscriptions, RedfishSchemas.EventDestinationCollection, "Event Subscriptions", [])));
        app.MapGet(RedfishPaths.ServerSentEvents, stream.ServeAsync);
    }

    private static JsonObject Service() => new()
    {
        ["@odata.id"] = RedfishPaths.EventService,
        ["@odata.type"] = RedfishSchemas.EventService,
        ["Id"] = "EventService",
        ["Name"] = "Event Service",
        ["ServiceEnabled"] = true,
        ["Status"] = new JsonObject { ["State"] = "Enabled", ["Health"] = "OK" },
        ["ServerSentEventUri"] = RedfishPaths.ServerSentEvents,
        ["EventFormatTypes"] = new JsonArray("Event"),
        ["RegistryPrefixes"] = new JsonArray(RedfishSchemas.EventRegistry[..RedfishSchemas.EventRegistry.IndexOf('.', StringComparison.Ordinal)]),
        ["ResourceTypes"] = new JsonArray("ComputerSystem"),
        ["DeliveryRetryAttempts"] = 0,
        ["DeliveryRetryIntervalSeconds"] = 0,
        ["SSEFilterPropertiesSupported"] = new JsonObject
        {
            ["EventFormatType"] = false,
            ["MessageId"] = false,
            ["MetricReportDefinition"] = false,
            ["OriginResource"] = false,
            ["RegistryPrefix"] = false,
            ["ResourceType"] = false,
            ["SubordinateResources"] = false,
        },
        ["Subscriptions"] = ServiceEndpoints.Link(RedfishPaths.Subscriptions),

        // No actions (no SubmitTestEvent: nothing is pushed), but the object is there: sushy refuses an EventService without it.
        ["Actions"] = new JsonObject(),
    };
}
