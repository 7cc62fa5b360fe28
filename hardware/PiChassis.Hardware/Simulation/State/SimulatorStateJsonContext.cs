using System.Text.Json.Serialization;

namespace PiChassis.Hardware.Simulation.State;

/// <summary>
/// Source-generated JSON for <see cref="SimulatorState"/>. Missing constructor values and nulls in
/// non-nullable places are errors, so a damaged file is reported rather than half-loaded.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(SimulatorState))]
internal sealed partial class SimulatorStateJsonContext : JsonSerializerContext;
