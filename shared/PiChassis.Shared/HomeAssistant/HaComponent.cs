namespace PiChassis.Shared.HomeAssistant;

/// <summary>One entity of a discovered device, with the options of its platform (unset ones are left out).</summary>
public sealed record HaComponent
{
    /// <summary><c>sensor</c>, <c>binary_sensor</c>, <c>switch</c>, <c>button</c>, <c>select</c>, <c>event</c>.</summary>
    public required string Platform { get; init; }

    public required string UniqueId { get; init; }

    public required string Name { get; init; }

    public string? DeviceClass { get; init; }

    public string? StateClass { get; init; }

    public string? UnitOfMeasurement { get; init; }

    public int? SuggestedDisplayPrecision { get; init; }

    public string? EntityCategory { get; init; }

    public string? StateTopic { get; init; }

    public string? ValueTemplate { get; init; }

    /// <summary>Seconds after which a sensor's value counts as unavailable without a new one.</summary>
    public int? ExpireAfter { get; init; }

    public string? CommandTopic { get; init; }

    public string? CommandTemplate { get; init; }

    public string? PayloadOn { get; init; }

    public string? PayloadOff { get; init; }

    public string? StateOn { get; init; }

    public string? StateOff { get; init; }

    public string? PayloadPress { get; init; }

    /// <summary>The choices of a <c>select</c> or an <c>enum</c> sensor.</summary>
    public IReadOnlyList<string>? Options { get; init; }

    public IReadOnlyList<string>? EventTypes { get; init; }

    public bool? Retain { get; init; }
}
