using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PiChassis.Controller.Redfish;

/// <summary>
/// <c>SessionService</c>: POST to Sessions signs in (answering the token in <c>X-Auth-Token</c> and the
/// session in <c>Location</c>), DELETE signs out. Everyone sees their own sessions; an Administrator sees and ends all.
/// </summary>
public sealed class SessionEndpoints(RedfishAccounts accounts, RedfishSessions sessions)
{
    public void Map(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapMethods(RedfishPaths.SessionService, RedfishServer.ReadMethods, context => RedfishResponse.WriteAsync(context, Service()));
        app.MapMethods(RedfishPaths.Sessions, RedfishServer.ReadMethods, ListAsync);
        app.MapPost(RedfishPaths.Sessions, CreateAsync);
        app.MapMethods($"{RedfishPaths.Sessions}/{{id}}", RedfishServer.ReadMethods, GetAsync);
        app.MapDelete($"{RedfishPaths.Sessions}/{{id}}", DeleteAsync);
    }

    private JsonObject Service() => new()
    {
        ["@odata.id"] = RedfishPaths.SessionService,
        ["@odata.type"] = RedfishSchemas.SessionService,
        ["Id"] = "SessionService",
        ["Name"] = "Session Service",
        ["ServiceEnabled"] = true,
        ["SessionTimeout"] = (int)sessions.Timeout.TotalSeconds,
        ["Status"] = new JsonObject { ["State"] = "Enabled", ["Health"] = "OK" },
        ["Sessions"] = ServiceEndpoints.Link(RedfishPaths.Sessions),
    };

    private Task ListAsync(HttpContext context)
    {
        var caller = RedfishGate.Caller(context);
        var visible = sessions.All().Where(s => caller.CanConfigureManager || s.UserName == caller.UserName).Select(s => s.Uri);
        return RedfishResponse.WriteAsync(context, CollectionResource.Build(RedfishPaths.Sessions, RedfishSchemas.SessionCollection, "Session Collection", visible));
    }

    private async Task CreateAsync(HttpContext context)
    {
        using var body = await RedfishBody.ReadObjectAsync(context);
        if (body is null)
        {
            return;
        }

        string? user = null;
        string? password = null;
        string? clientContext = null;
        foreach (var property in body.RootElement.EnumerateObject())
        {
            if (property.Name is not ("UserName" or "Password" or "Context"))
            {
                await RedfishResponse.ErrorAsync(context, StatusCodes.Status400BadRequest, RedfishMessage.PropertyUnknown(property.Name));
                return;
            }

            if (property.Value.ValueKind != JsonValueKind.String)
            {
                // The value is not echoed: it may be a password.
                await RedfishResponse.ErrorAsync(context, StatusCodes.Status400BadRequest, RedfishMessage.PropertyValueTypeError("(not a string)", property.Name));
                return;
            }

            var text = property.Value.GetString();
            if (property.Name == "UserName")
            {
                user = text;
            }
            else if (property.Name == "Password")
            {
                password = text;
            }
            else
            {
                clientContext = text;
            }
        }

        if (clientContext is { Length: > RedfishSession.MaxContextLength })
        {
            await RedfishResponse.ErrorAsync(context, StatusCodes.Status400BadRequest,
                RedfishMessage.PropertyValueFormatError($"(more than {RedfishSession.MaxContextLength} characters)", "Context"));
            return;
        }

        if (user is null || password is null)
        {
            await RedfishResponse.ErrorAsync(context, StatusCodes.Status400BadRequest, RedfishMessage.PropertyMissing(user is null ? "UserName" : "Password"));
            return;
        }

        var (outcome, role) = await accounts.VerifyAsync(user, password, context.Connection.RemoteIpAddress);
        if (SignInRefusal.IsPostponed(outcome))
        {
            await SignInRefusal.AnswerAsync(context, outcome, accounts);
            return;
        }

        if (outcome != SignIn.Accepted)
        {
            await RedfishResponse.ErrorAsync(context, StatusCodes.Status401Unauthorized,
                RedfishMessage.ResourceAtUriUnauthorized(RedfishPaths.Sessions, "the user name or password is wrong, or the account is locked out"));
            return;
        }

        if (sessions.Create(user, role, clientContext) is not { } session)
        {
            await RedfishResponse.ErrorAsync(context, StatusCodes.Status503ServiceUnavailable,
                RedfishMessage.SessionLimitExceeded($"at most {sessions.PerAccount} sessions per account and {sessions.Max} in all"));
            return;
        }

        context.Response.Headers["X-Auth-Token"] = session.Token;
        context.Response.Headers.Location = session.Uri;
        await RedfishResponse.WriteAsync(context, Resource(session), StatusCodes.Status201Created);
    }

    private Task GetAsync(HttpContext context) =>
        Visible(context) is { } session ? RedfishResponse.WriteAsync(context, Resource(session)) : NotFoundAsync(context);

    private Task DeleteAsync(HttpContext context)
    {
        if (Visible(context) is not { } session)
        {
            return NotFoundAsync(context);
        }

        sessions.End(session.Id);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    /// <summary>The route's session if the caller may see it: another user's session is answered as not found, not as forbidden.</summary>
    private RedfishSession? Visible(HttpContext context)
    {
        var caller = RedfishGate.Caller(context);
        var session = sessions.Find(context.Request.RouteValues["id"] as string ?? "");
        return session is not null && (caller.CanConfigureManager || session.UserName == caller.UserName) ? session : null;
    }

    private static Task NotFoundAsync(HttpContext context) =>
        RedfishResponse.ErrorAsync(context, StatusCodes.Status404NotFound, RedfishMessage.ResourceNotFound("Session", context.Request.RouteValues["id"] as string ?? ""));

    private static JsonObject Resource(RedfishSession session)
    {
        var resource = new JsonObject
        {
            ["@odata.id"] = session.Uri,
            ["@odata.type"] = RedfishSchemas.Session,
            ["Id"] = session.Id,
            ["Name"] = "User Session",
            ["UserName"] = session.UserName,
            ["Password"] = null,
            ["SessionType"] = "Redfish",
            ["CreatedTime"] = session.Created.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture),
        };

        // Only where the client gave one, as it gave it.
        if (session.Context is { } clientContext)
        {
            resource["Context"] = clientContext;
        }

        return resource;
    }
}
