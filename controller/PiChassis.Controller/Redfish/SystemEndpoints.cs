using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;

namespace PiChassis.Controller.Redfish;

/// <summary>
/// <c>/redfish/v1/Systems</c>: one ComputerSystem per slot. Reads and commands go through the engine
/// loop like MQTT requests: a reset is a remote command with the Redfish user as its source, so
/// arbitration, refusals and the journal are the same, and protection and locks are never overridden.
/// </summary>
public sealed class SystemEndpoints(PowerEngineLoop loop, BootOverrides boots, IOptions<ChassisOptions> chassis)
{
    private const string ResetAction = "ComputerSystem.Reset";
    private const string ResetType = "ResetType";
    private readonly string _chassisId = chassis.Value.Id;

    public void Map(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapMethods(RedfishPaths.Systems, RedfishServer.ReadMethods, ListAsync);
        app.MapMethods($"{RedfishPaths.Systems}/{{id}}", RedfishServer.ReadMethods, GetAsync);
        app.MapMethods($"{RedfishPaths.Systems}/{{id}}", [HttpMethods.Patch], PatchAsync);
        app.MapPost($"{RedfishPaths.Systems}/{{id}}/Actions/{ResetAction}", ResetAsync);
        app.MapMethods($"{RedfishPaths.Systems}/{{id}}/ResetActionInfo", RedfishServer.ReadMethods, ActionInfoAsync);
    }

    private async Task ListAsync(HttpContext context)
    {
        if (await RedfishServer.OnLoopAsync(context, loop, e => e.States.Select(s => s.Slot).ToArray()) is { } slots)
        {
            await RedfishResponse.WriteAsync(context,
                CollectionResource.Build(RedfishPaths.Systems, RedfishSchemas.ComputerSystemCollection, "Computer System Collection", slots.Select(RedfishPaths.System)));
        }
    }

    private async Task GetAsync(HttpContext context)
    {
        if (await FindAsync(context) is { } slot)
        {
            await RedfishResponse.WriteAsync(context, SystemResource.Build(slot, boots[slot.Slot], _chassisId));
        }
    }

    private async Task ActionInfoAsync(HttpContext context)
    {
        if (await FindAsync(context) is { } slot)
        {
            await RedfishResponse.WriteAsync(context, SystemResource.ResetActionInfo(slot.Slot));
        }
    }

    private async Task PatchAsync(HttpContext context)
    {
        using var change = await BeginChangeAsync(context);
        if (change is null)
        {
            return;
        }

        var (caller, slot, body) = change;

        var seen = boots[slot.Slot];
        var current = SystemResource.Build(slot, seen, _chassisId);
        if (!RedfishResponse.Matches(context.Request.Headers.IfMatch, RedfishResponse.ETagOf(current)))
        {
            await RedfishResponse.ErrorAsync(context, StatusCodes.Status412PreconditionFailed, RedfishMessage.PreconditionFailed());
            return;
        }

        if (!SystemPatch.TryParse(body.RootElement, current, seen, out var patch, out var error))
        {
            await RedfishResponse.ErrorAsync(context, error.Status, error.Message);
            return;
        }

        if (patch.Boot is { } boot)
        {
            if (context.Request.Headers.IfMatch.Count == 0)
            {
                boots.Set(slot.Slot, boot);
            }
            else if (!boots.TrySet(slot.Slot, seen, boot))
            {
                // With If-Match the check above and this write are one step: another PATCH changed it meanwhile.
                await RedfishResponse.ErrorAsync(context, StatusCodes.Status412PreconditionFailed, RedfishMessage.PreconditionFailed());
                return;
            }
        }

        // On blinks the slot's LED for 30 s; off (Ironic's indicator off) stops a blink before then.
        if (patch.Identify is { } identify && (identify || slot.Identifying)
            && !await ExecuteAsync(context, new SlotCommand(slot.Slot, identify ? SlotAction.Identify : SlotAction.IdentifyOff, CommandOrigin.Remote, caller.UserName)))
        {
            // Refused: the boot override goes back, so the PATCH changed nothing.
            if (patch.Boot is { } set)
            {
                boots.TrySet(slot.Slot, set, seen);
            }

            return;
        }

        if (await FindAsync(context) is { } now)
        {
            await RedfishResponse.WriteAsync(context, SystemResource.Build(now, boots[now.Slot], _chassisId));
        }
    }

    private async Task ResetAsync(HttpContext context)
    {
        using var change = await BeginChangeAsync(context);
        if (change is null)
        {
            return;
        }

        var (caller, slot, body) = change;

        string? resetType = null;
        foreach (var parameter in body.RootElement.EnumerateObject())
        {
            if (parameter.Name != ResetType)
            {
                await RedfishResponse.ErrorAsync(context, StatusCodes.Status400BadRequest, RedfishMessage.ActionParameterNotSupported(parameter.Name, ResetAction));
                return;
            }

            if (parameter.Value.ValueKind != JsonValueKind.String)
            {
                await RedfishResponse.ErrorAsync(context, StatusCodes.Status400BadRequest,
                    RedfishMessage.ActionParameterValueTypeError(RedfishBody.Text(parameter.Value), ResetType, ResetAction));
                return;
            }

            resetType = parameter.Value.GetString();
        }

        if (resetType is null)
        {
            await RedfishResponse.ErrorAsync(context, StatusCodes.Status400BadRequest, RedfishMessage.ActionParameterMissing(ResetAction, ResetType));
            return;
        }

        if (ResetTypes.ActionOf(resetType) is not { } action)
        {
            await RedfishResponse.ErrorAsync(context, StatusCodes.Status400BadRequest, RedfishMessage.ActionParameterValueNotInList(resetType, ResetType, ResetAction));
            return;
        }

        if (await ExecuteAsync(context, new SlotCommand(slot.Slot, action, CommandOrigin.Remote, caller.UserName)))
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        }
    }

    /// <summary>The start of every change: the caller may configure components, the system exists, the body is a JSON object; null when refused (and answered).</summary>
    private async Task<Change?> BeginChangeAsync(HttpContext context)
    {
        var caller = RedfishGate.Caller(context);
        if (!caller.CanConfigureComponents)
        {
            await RedfishResponse.ErrorAsync(context, StatusCodes.Status403Forbidden, RedfishMessage.InsufficientPrivilege());
            return null;
        }

        if (await FindAsync(context) is not { } slot)
        {
            return null;
        }

        return await RedfishBody.ReadObjectAsync(context) is { } body ? new Change(caller, slot, body) : null;
    }

    /// <summary>Runs a command; a refusal is answered with the engine's reason and false returned.</summary>
    private async Task<bool> ExecuteAsync(HttpContext context, SlotCommand command)
    {
        if (loop.StoreBehind)
        {
            await RedfishResponse.ErrorAsync(context, StatusCodes.Status503ServiceUnavailable,
                RedfishMessage.ServiceTemporarilyUnavailable("the store is behind: commands are refused until it catches up (protection goes on)"));
            return false;
        }

        if (await RedfishServer.OnLoopAsync(context, loop, e => e.Execute(command)) is not { } result)
        {
            return false;
        }

        if (result.Ok)
        {
            return true;
        }

        var (status, message) = result.ErrorCode switch
        {
            ErrorCodes.UnknownTarget => (StatusCodes.Status404NotFound, RedfishMessage.ResourceNotFound("ComputerSystem", $"{command.Slot}")),
            ErrorCodes.HardwareError => (StatusCodes.Status500InternalServerError, RedfishMessage.GeneralError($"{result.ErrorCode}: {result.Message}")),

            // Locked, fault latched, held off by protection, over the supply's budget, too many power-ons.
            _ => (StatusCodes.Status409Conflict, RedfishMessage.OperationNotAllowed($"{result.ErrorCode}: {result.Message}")),
        };
        await RedfishResponse.ErrorAsync(context, status, message);
        return false;
    }

    /// <summary>The slot the route's <c>{id}</c> names, read on the engine loop; null when a 404 (or 503) has been answered.</summary>
    private async Task<SlotState?> FindAsync(HttpContext context)
    {
        var id = context.Request.RouteValues["id"] as string;
        var states = await RedfishServer.OnLoopAsync(context, loop, e => e.States.ToArray());
        if (states is null)
        {
            return null;
        }

        var slot = RedfishPaths.TryParseSystemId(id, out var number) ? states.FirstOrDefault(s => s.Slot == number) : null;
        if (slot is null)
        {
            await RedfishResponse.ErrorAsync(context, StatusCodes.Status404NotFound, RedfishMessage.ResourceNotFound("ComputerSystem", id ?? ""));
        }

        return slot;
    }

    private sealed record Change(RedfishCaller Caller, SlotState Slot, JsonDocument Body) : IDisposable
    {
        public void Dispose() => Body.Dispose();
    }
}
