using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Cooling;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Sampling;

namespace PiChassis.Controller.Redfish;

/// <summary>
/// <c>/redfish/v1/Chassis</c>: the enclosure and one chassis per slot, with their power, sensors and
/// environment. Read only: every request reads one <see cref="ChassisView"/> through the engine loop.
/// </summary>
public sealed class ChassisEndpoints(
    PowerEngineLoop loop,
    SnapshotHub hub,
    FanController fan,
    IOptions<ChassisOptions> chassis,
    IOptions<PowerOptions> power)
{
    private const string Id = "id";
    private readonly string _chassisId = chassis.Value.Id;
    private readonly PowerOptions _power = power.Value;

    public void Map(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var chassis = $"{RedfishPaths.Chassis}/{{{Id}}}";
        Serve(app, RedfishPaths.Chassis, "ChassisCollection", (view, _) => CollectionResource.Build(RedfishPaths.Chassis, RedfishSchemas.ChassisCollection, "Chassis Collection",
            [RedfishPaths.Enclosure, .. view.States.Select(s => RedfishPaths.SlotChassis(s.Slot))]));
        Serve(app, chassis, "Chassis", (view, id) =>
            ChassisView.IsEnclosure(id) ? ChassisResource.Enclosure(view) : view.Slot(id) is { } slot ? ChassisResource.Slot(view, slot) : null);
        Serve(app, $"{chassis}/EnvironmentMetrics", "EnvironmentMetrics", (view, id) => view.Exists(id) ? ChassisResource.EnvironmentMetrics(view, id!) : null);
        Serve(app, $"{chassis}/Sensors", "SensorCollection", (view, id) => view.Exists(id) ? ChassisResource.Sensors(view, id!) : null);
        Serve(app, $"{chassis}/Sensors/{{sensor}}", "Sensor", (view, id, context) =>
            ChassisSensor.Of(view, id).FirstOrDefault(s => s.Id == context.Request.RouteValues["sensor"] as string) is { } sensor ? ChassisResource.Sensor(id!, sensor) : null);
        Serve(app, $"{chassis}/Power", "Power", (view, id) => view.Exists(id) ? PowerResource.Power(view, id!) : null);

        // The supply, the probes and the fan belong to the enclosure; a slot has only its relay and power sensor.
        Serve(app, $"{chassis}/Thermal", "Thermal", (view, id) => ChassisView.IsEnclosure(id) ? ThermalResource.Build(view) : null);
        Serve(app, $"{chassis}/PowerSubsystem", "PowerSubsystem", (view, id) => ChassisView.IsEnclosure(id) ? PowerResource.PowerSubsystem(view) : null);
        Serve(app, $"{chassis}/PowerSubsystem/PowerSupplies", "PowerSupplyCollection", (view, id) => ChassisView.IsEnclosure(id) ? PowerResource.PowerSupplies() : null);
        Serve(app, $"{chassis}/PowerSubsystem/PowerSupplies/{{supply}}", "PowerSupply", (view, id, context) =>
            ChassisView.IsEnclosure(id) && context.Request.RouteValues["supply"] as string == PowerResource.SupplyId ? PowerResource.PowerSupply(view) : null);
    }

    private void Serve(IEndpointRouteBuilder app, string pattern, string type, Func<ChassisView, string?, JsonObject?> build) =>
        Serve(app, pattern, type, (view, id, _) => build(view, id));

    /// <summary>Maps a read-only resource: <paramref name="build"/> makes it from the view and the route's chassis Id, or returns null for 404.</summary>
    private void Serve(IEndpointRouteBuilder app, string pattern, string type, Func<ChassisView, string?, HttpContext, JsonObject?> build) =>
        app.MapMethods(pattern, RedfishServer.ReadMethods, async context =>
        {
            // The fan's duty is read here, not on the loop: its lock is held while the fans are written, and the engine never waits on a device.
            var duty = fan.DutyPercent;
            var view = await RedfishServer.OnLoopAsync(context, loop, e => new ChassisView(_chassisId, e.States, e.Energy.All, hub.Latest, duty, _power));
            if (view is null)
            {
                return;
            }

            if (build(view, context.Request.RouteValues[Id] as string, context) is { } body)
            {
                await RedfishResponse.WriteAsync(context, body);
            }
            else
            {
                await RedfishResponse.ErrorAsync(context, StatusCodes.Status404NotFound, RedfishMessage.ResourceNotFound(type, context.Request.Path.Value ?? ""));
            }
        });
}
