using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;

namespace PiChassis.Controller.Redfish;

/// <summary>The open documents: <c>/redfish</c>, the service root, the OData service document and <c>$metadata</c>.</summary>
public sealed class ServiceEndpoints(IOptions<ChassisOptions> chassis)
{
    private readonly string _chassisId = chassis.Value.Id;
    private readonly byte[] _metadata = Encoding.UTF8.GetBytes(Metadata());

    public void Map(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapMethods("/redfish", RedfishServer.ReadMethods, context => RedfishResponse.WriteAsync(context, new JsonObject { ["v1"] = $"{RedfishPaths.Root}/" }));
        app.MapMethods(RedfishPaths.Root, RedfishServer.ReadMethods, context => RedfishResponse.WriteAsync(context, Root()));
        app.MapMethods(RedfishPaths.OData, RedfishServer.ReadMethods, context => RedfishResponse.WriteAsync(context, OData()));
        app.MapMethods(RedfishPaths.Metadata, RedfishServer.ReadMethods, context => RedfishResponse.WriteBytesAsync(context, _metadata, "application/xml; charset=utf-8"));
    }

    private JsonObject Root() => new()
    {
        ["@odata.id"] = RedfishPaths.Root,
        ["@odata.type"] = RedfishSchemas.ServiceRoot,
        ["Id"] = "RootService",
        ["Name"] = "PiChassis Redfish Service",
        ["RedfishVersion"] = RedfishSchemas.RedfishVersion,
        ["UUID"] = SystemResource.Uuid(_chassisId),
        ["Vendor"] = "PiChassis",
        ["Product"] = "PiChassis controller",
        ["Systems"] = Link(RedfishPaths.Systems),
        ["Chassis"] = Link(RedfishPaths.Chassis),
        ["Managers"] = Link(RedfishPaths.Managers),
        ["SessionService"] = Link(RedfishPaths.SessionService),
        ["AccountService"] = Link(RedfishPaths.AccountService),
        ["EventService"] = Link(RedfishPaths.EventService),
        ["Links"] = new JsonObject { ["Sessions"] = Link(RedfishPaths.Sessions) },
    };

    private static JsonObject OData()
    {
        var services = new (string Name, string Url)[]
        {
            ("Service", $"{RedfishPaths.Root}/"), ("Systems", RedfishPaths.Systems), ("Chassis", RedfishPaths.Chassis),
            ("Managers", RedfishPaths.Managers), ("SessionService", RedfishPaths.SessionService), ("AccountService", RedfishPaths.AccountService),
            ("Sessions", RedfishPaths.Sessions), ("EventService", RedfishPaths.EventService),
        };
        return new JsonObject
        {
            ["@odata.context"] = RedfishPaths.Metadata,
            ["value"] = new JsonArray([.. services.Select(s => (JsonNode?)new JsonObject { ["name"] = s.Name, ["kind"] = "Singleton", ["url"] = s.Url })]),
        };
    }

    /// <summary>A minimal CSDL: a reference to each schema the service claims, and the service container it extends.</summary>
    private static string Metadata()
    {
        var xml = new StringBuilder("""<?xml version="1.0" encoding="UTF-8"?>""").Append('\n')
            .Append("""<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0">""").Append('\n');
        foreach (var group in RedfishSchemas.All.GroupBy(RedfishSchemas.Namespace))
        {
            xml.Append("  <edmx:Reference Uri=\"http://redfish.dmtf.org/schemas/v1/").Append(group.Key).Append("_v1.xml\">\n");
            xml.Append("    <edmx:Include Namespace=\"").Append(group.Key).Append("\"/>\n");
            foreach (var versioned in group.Select(RedfishSchemas.VersionedNamespace).Where(n => n != group.Key).Distinct())
            {
                xml.Append("    <edmx:Include Namespace=\"").Append(versioned).Append("\"/>\n");
            }

            xml.Append("  </edmx:Reference>\n");
        }

        xml.Append("  <edmx:DataServices>\n")
            .Append("    <Schema xmlns=\"http://docs.oasis-open.org/odata/ns/edm\" Namespace=\"Service\">\n")
            .Append("      <EntityContainer Name=\"Service\" Extends=\"").Append(RedfishSchemas.VersionedNamespace(RedfishSchemas.ServiceRoot)).Append(".ServiceContainer\"/>\n")
            .Append("    </Schema>\n  </edmx:DataServices>\n</edmx:Edmx>\n");
        return xml.ToString();
    }

    public static JsonObject Link(string id) => new() { ["@odata.id"] = id };
}
