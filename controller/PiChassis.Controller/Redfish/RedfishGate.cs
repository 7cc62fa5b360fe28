using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;

namespace PiChassis.Controller.Redfish;

/// <summary>
/// Every request passes here first: the protocol headers, sign-in (an <c>X-Auth-Token</c> of a session,
/// or Basic), and Redfish error bodies for what routing refused (404, 405 with its <c>Allow</c>). Only
/// the service root, the OData documents and the login itself (POST to Sessions) are open to anyone,
/// and <c>/metrics</c> unless <c>Metrics:RequireAuth</c> (then any role may scrape). A client past its
/// share (<see cref="RedfishRequestLimit"/>) is answered 429 here, before routing, a body or the engine loop.
/// </summary>
public sealed class RedfishGate(RedfishAccounts accounts, RedfishSessions sessions, RedfishRequestLimit limit, IOptions<MetricsOptions> metrics)
{
    private readonly bool _metricsOpen = !metrics.Value.RequireAuth;

    private const string Realm = "Basic realm=\"PiChassis Redfish\", charset=\"UTF-8\"";
    private static readonly object CallerKey = new();

    public static RedfishCaller Caller(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items[CallerKey] as RedfishCaller ?? throw new InvalidOperationException("the request passed no sign-in");
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        context.Response.Headers["OData-Version"] = "4.0";
        context.Response.Headers.CacheControl = "no-store";
        var path = (context.Request.Path.Value ?? "").TrimEnd('/');
        var method = context.Request.Method;
        var read = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        var open = ((Is(path, "/redfish") || Is(path, RedfishPaths.Root) || Is(path, RedfishPaths.OData) || Is(path, RedfishPaths.Metadata)) && read)
            || (Is(path, RedfishPaths.Metrics) && _metricsOpen && read)
            || (Is(path, RedfishPaths.Sessions) && HttpMethods.IsPost(method));
        if (open)
        {
            if (!await TakeAsync(context, null))
            {
                return;
            }
        }
        else
        {
            // A refused sign-in is counted against the address, after it: a Basic sign-in needs its hash
            // checked before the account is known, and those checks have a bound of their own.
            var (caller, outcome, refusal) = await SignInAsync(context);
            if (!await TakeAsync(context, caller))
            {
                return;
            }

            if (caller is null)
            {
                if (SignInRefusal.IsPostponed(outcome))
                {
                    await SignInRefusal.AnswerAsync(context, outcome, accounts);
                    return;
                }

                context.Response.Headers.WWWAuthenticate = Realm;
                await RedfishResponse.ErrorAsync(context, StatusCodes.Status401Unauthorized, refusal!);
                return;
            }

            context.Items[CallerKey] = caller;
        }

        await next(context);
        if (context.Response.HasStarted)
        {
            return;
        }

        if (context.Response.StatusCode == StatusCodes.Status405MethodNotAllowed)
        {
            await RedfishResponse.ErrorAsync(context, StatusCodes.Status405MethodNotAllowed,
                RedfishMessage.OperationNotAllowed($"{method} is not supported on {path}; allowed: {context.Response.Headers.Allow}"));
        }
        else if (context.Response.StatusCode == StatusCodes.Status404NotFound)
        {
            await RedfishResponse.ErrorAsync(context, StatusCodes.Status404NotFound, RedfishMessage.ResourceNotFound("Resource", path));
        }
    }

    /// <summary>Routing reads paths in any case; so must the check of which ones are open.</summary>
    private static bool Is(string path, string uri) => string.Equals(path, uri, StringComparison.OrdinalIgnoreCase);

    /// <summary>False, having answered 429, when the client has used up its share.</summary>
    private async Task<bool> TakeAsync(HttpContext context, RedfishCaller? caller)
    {
        if (limit.TryTake(context, caller))
        {
            return true;
        }

        context.Response.Headers.RetryAfter = RedfishRequestLimit.RetryAfterSeconds;
        await RedfishResponse.ErrorAsync(context, StatusCodes.Status429TooManyRequests,
            RedfishMessage.ServiceTemporarilyUnavailable("too many requests from this client; slow down"));
        return false;
    }

    /// <summary>The caller, or the outcome and the message to refuse with (401 unless the login was postponed).</summary>
    private async Task<(RedfishCaller? Caller, SignIn Outcome, RedfishMessage? Refusal)> SignInAsync(HttpContext context)
    {
        var uri = context.Request.Path.Value ?? "";
        if (context.Request.Headers["X-Auth-Token"].ToString() is { Length: > 0 } token)
        {
            return sessions.Use(token) is { } session
                ? (new RedfishCaller(session.UserName, session.Role, session.Id), SignIn.Accepted, null)
                : (null, SignIn.Refused, RedfishMessage.NoValidSession());
        }

        if (!TryReadBasic(context.Request.Headers.Authorization.ToString(), out var user, out var password))
        {
            return (null, SignIn.Refused, RedfishMessage.NoValidSession());
        }

        var (outcome, role) = await accounts.VerifyAsync(user, password, context.Connection.RemoteIpAddress);
        return outcome switch
        {
            SignIn.Accepted => (new RedfishCaller(user, role, null), outcome, null),
            _ => (null, outcome, RedfishMessage.ResourceAtUriUnauthorized(uri, "the user name or password is wrong, or the account is locked out")),
        };
    }

    private static bool TryReadBasic(string header, out string user, out string password)
    {
        user = password = "";
        const string Scheme = "Basic ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var encoded = header[Scheme.Length..].Trim();
        var bytes = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, bytes, out var length))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(bytes, 0, length);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        (user, password) = (text[..colon], text[(colon + 1)..]);
        return true;
    }
}
