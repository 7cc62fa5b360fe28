using Microsoft.Extensions.Logging;

namespace PiChassis.Controller.Mqtt;

public sealed partial class MqttConnection
{
    /// <summary>Stable id of the message below, for log filters and tests.</summary>
    public const int ConnectedEventId = 400;

    [LoggerMessage(EventId = ConnectedEventId, Level = LogLevel.Information, Message = "MQTT connected to {Endpoint} as {ClientId}")]
    private partial void LogConnected(string endpoint, string clientId);

    /// <summary>Stable id of the message below, for log filters and tests.</summary>
    public const int DisconnectedEventId = 401;

    [LoggerMessage(EventId = DisconnectedEventId, Level = LogLevel.Warning, Message = "MQTT connection to {Endpoint} lost ({Reason}): {Detail}; reconnecting")]
    private partial void LogDisconnected(string endpoint, string reason, string detail);

    /// <summary>Stable id of the message below, for log filters and tests.</summary>
    public const int RefusedEventId = 402;

    [LoggerMessage(EventId = RefusedEventId, Level = LogLevel.Error, Message = "MQTT broker {Endpoint} refused the connection: {ResultCode} {ReasonString}")]
    private partial void LogRefused(string endpoint, string resultCode, string? reasonString);

    /// <summary>Stable id of the message below, for log filters and tests.</summary>
    public const int ConnectFailedEventId = 403;

    [LoggerMessage(EventId = ConnectFailedEventId, Level = LogLevel.Warning, Message = "MQTT broker {Endpoint} unreachable: {Reason}; retrying with backoff")]
    private partial void LogConnectFailed(string endpoint, string reason);

    [LoggerMessage(EventId = 404, Level = LogLevel.Debug, Message = "MQTT broker {Endpoint} still unreachable after {Attempts} attempts: {Reason}")]
    private partial void LogConnectStillFailing(string endpoint, int attempts, string reason);

    [LoggerMessage(EventId = 405, Level = LogLevel.Warning, Message = "MQTT ping failed: {Reason}; dropping the connection")]
    private partial void LogPingFailed(string reason);

    [LoggerMessage(EventId = 406, Level = LogLevel.Error, Message = "MQTT subscribe failed: {Reason}; reconnecting")]
    private partial void LogSubscribeFailed(string reason);

    [LoggerMessage(EventId = 407, Level = LogLevel.Debug, Message = "MQTT publish to {Topic} failed: {Reason}")]
    private partial void LogPublishFailed(string topic, string reason);

    [LoggerMessage(EventId = 408, Level = LogLevel.Warning, Message = "MQTT broker refused the publish to {Topic}: {ReasonCode} {ReasonString}")]
    private partial void LogPublishRefused(string topic, string reasonCode, string? reasonString);

    [LoggerMessage(EventId = 409, Level = LogLevel.Error, Message = "MQTT message on {Topic} could not be handled")]
    private partial void LogHandlerFailed(string topic, Exception exception);

    /// <summary>Stable id of the message below, for log filters and tests.</summary>
    public const int SessionTakenOverEventId = 421;

    [LoggerMessage(EventId = SessionTakenOverEventId, Level = LogLevel.Error,
        Message = "MQTT broker {Endpoint} handed the session {ClientId} to another client: is a second controller running with this Chassis:Id (or Mqtt:ClientId)?")]
    private partial void LogSessionTakenOver(string endpoint, string clientId);

    /// <summary>Stable id of the message below, for log filters and tests.</summary>
    public const int LostEarlyEventId = 422;

    [LoggerMessage(EventId = LostEarlyEventId, Level = LogLevel.Warning,
        Message = "MQTT connection to {Endpoint} was lost within its first keep-alive; reconnecting in {Delay}. If this repeats, another client may be connecting as {ClientId} (a second controller with this Chassis:Id?)")]
    private partial void LogLostEarly(string endpoint, TimeSpan delay, string clientId);

    [LoggerMessage(EventId = 410, Level = LogLevel.Debug, Message = "MQTT disconnect failed: {Reason}")]
    private partial void LogStopFailed(string reason);
}
