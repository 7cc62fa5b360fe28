using Microsoft.AspNetCore.Http;

namespace PiChassis.Controller.Redfish;

/// <summary>The answer to a login whose password was not checked for now: the same from a sign-in on any request and from a session login.</summary>
public static class SignInRefusal
{
    /// <summary>True for the outcomes that say "try again shortly", not "wrong".</summary>
    public static bool IsPostponed(SignIn outcome) => outcome is SignIn.Busy or SignIn.Throttled;

    /// <summary>Answers a postponed login: 503 while the hash is busy, 429 with <c>Retry-After</c> when this address checks too many passwords.</summary>
    public static Task AnswerAsync(HttpContext context, SignIn outcome, RedfishAccounts accounts)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(accounts);
        if (outcome == SignIn.Throttled)
        {
            context.Response.Headers.RetryAfter = accounts.RetryAfterSeconds;
            return RedfishResponse.ErrorAsync(context, StatusCodes.Status429TooManyRequests,
                RedfishMessage.ServiceTemporarilyUnavailable("too many password checks from this address; slow down"));
        }

        return RedfishResponse.ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, RedfishMessage.ServiceTemporarilyUnavailable("too many logins are being checked"));
    }
}
