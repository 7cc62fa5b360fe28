using Microsoft.Extensions.Logging;

namespace PiChassis.Controller.Engine;

public sealed partial class PowerEngine
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Error, Message = "Slot {Slot}: relay could not be switched {Closed}: {Reason}")]
    private partial void LogRelayFailed(int slot, bool closed, string reason);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "Slot {Slot} tripped: {Code}: {Message}")]
    private partial void LogTrip(int slot, string code, string message);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Chassis temperature {TemperatureC:F1} °C is above the warning level")]
    private partial void LogTemperatureWarning(double temperatureC);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Slot {Slot} watchdog: {Action} after {Attempts} attempt(s)")]
    private partial void LogWatchdog(int slot, string action, int attempts);

    [LoggerMessage(EventId = 204, Level = LogLevel.Information, Message = "Slot {Slot} released by protection at {TemperatureC:F1} °C, powered on: {PowerOn}")]
    private partial void LogReleased(int slot, double temperatureC, bool powerOn);
}
