using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Mqtt;

namespace PiChassis.Controller.Redfish;

/// <summary>
/// A flood guard per client, before a request reaches the engine loop or has its body read: a signed-in
/// caller is counted by account (all its sessions and connections together), anyone else by address.
/// The two never share a bucket, so an anonymous flood, even from the same address, cannot use up an
/// account's share. Bounded by <see cref="KeyedRateLimits"/>.
/// </summary>
public sealed class RedfishRequestLimit(IOptions<RedfishOptions> options, TimeProvider time)
{
    /// <summary>Seconds until the next request is let through: at least one token a second accrues (the setting's lower bound).</summary>
    public const string RetryAfterSeconds = "1";

    /// <summary>Clients tracked at once; beyond, the fullest half is forgotten (<see cref="KeyedRateLimits"/>).</summary>
    private const int MaxClients = 1024;

    private readonly KeyedRateLimits _limits = new(options.Value.RequestsPerSecond, options.Value.RequestBurst, MaxClients, time);

    public bool TryTake(HttpContext context, RedfishCaller? caller)
    {
        ArgumentNullException.ThrowIfNull(context);
        return _limits.TryTake(caller is null ? $"address {context.Connection.RemoteIpAddress}" : $"account {caller.UserName}");
    }
}
