namespace PiChassis.Controller.Mqtt;

/// <summary>
/// Why a request is refused as a whole (<c>invalid_request</c>). With an <see cref="Id"/> it is
/// answered; without one it can only become a <c>command_rejected</c> event.
/// </summary>
public sealed record RequestRejection(string? Id, string Message);
