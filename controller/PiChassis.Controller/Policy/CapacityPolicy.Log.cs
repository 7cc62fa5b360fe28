using Microsoft.Extensions.Logging;
using PiChassis.Controller.Engine;

namespace PiChassis.Controller.Policy;

public sealed partial class CapacityPolicy
{
    [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "Capacity target {Nodes} node(s), {MinSpare} spare(s), from {Source}; {Achievable} can run")]
    private partial void LogTargetChanged(int nodes, int minSpare, string source, int achievable);

    [LoggerMessage(EventId = 601, Level = LogLevel.Warning, Message = "Capacity: {Wanted} node(s) wanted but only {Achievable} can run")]
    private partial void LogCapped(int wanted, int achievable);

    [LoggerMessage(EventId = 602, Level = LogLevel.Debug, Message = "Policy: slot {Slot} {Action} ({RelayCycles} relay cycles, heat proxy {HeatW:F1} W)")]
    private partial void LogSwitched(int slot, SlotAction action, long relayCycles, double heatW);

    [LoggerMessage(EventId = 603, Level = LogLevel.Information, Message = "Policy: slot {Slot} {Action} refused: {Code}: {Reason}")]
    private partial void LogRefused(int slot, SlotAction action, string? code, string? reason);

    [LoggerMessage(EventId = 604, Level = LogLevel.Information, Message = "Slot {Slot} leased until {Until:O} by {Source}")]
    private partial void LogLease(int slot, DateTimeOffset until, string source);

    [LoggerMessage(EventId = 605, Level = LogLevel.Information, Message = "Capacity: acting on the forecast ({Reason}): {Prewarm} node(s) expected shortly, {Ahead} soon; {Switched} slot(s) switched on")]
    private partial void LogForecastActed(string reason, int prewarm, int ahead, int switched);

    [LoggerMessage(EventId = 606, Level = LogLevel.Information, Message = "Scheduled capacity {Id} {Change}: {Nodes} node(s), {MinSpare} spare(s) from {At:O} until {Until:O}, requester '{Requester}'")]
    private partial void LogScheduleChanged(string id, string change, int nodes, int minSpare, DateTimeOffset at, DateTimeOffset until, string requester);
}
