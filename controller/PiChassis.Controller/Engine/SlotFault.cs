namespace PiChassis.Controller.Engine;

/// <summary>A latched fault: it stays until cleared.</summary>
public sealed record SlotFault(string Code, string Message, DateTimeOffset At);
