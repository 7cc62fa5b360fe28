using System.Text.Json;
using PiChassis.Cli.Targets;
using PiChassis.Shared.Json;
using PiChassis.Shared.Payloads;

namespace PiChassis.Cli.Mqtt;

/// <summary>
/// Sends one verb to several chassis at once (MQTT 5 request/response, a unique id per request and
/// chassis) and collects their replies; an offline or silent chassis becomes a reply without response.
/// </summary>
public sealed class Requester(BrokerSession session, string source)
{
    /// <summary>How long a chassis may take to answer a request that does not wait for the hardware.</summary>
    public static readonly TimeSpan AnswerPatience = TimeSpan.FromSeconds(10);

    public async Task<IReadOnlyList<ChassisReply>> SendAsync(
        string verb, IReadOnlyList<ChassisTargets> plan, RequestPayload fields, TimeSpan patience, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var replies = await Task.WhenAll(plan.Select(p => SendOneAsync(verb, p.Chassis, fields with { Targets = p.Targets }, patience, cancel)));
        return replies;
    }

    public async Task<ChassisReply> SendOneAsync(string verb, KnownChassis chassis, RequestPayload fields, TimeSpan patience, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(chassis);
        ArgumentNullException.ThrowIfNull(fields);
        if (!chassis.IsOnline)
        {
            return ChassisReply.Missing(chassis, chassis.Info is null
                ? $"chassis {chassis.Id} has published no info"
                : $"chassis {chassis.Id} is {chassis.Status ?? "without status"}");
        }

        var id = $"cli-{Guid.NewGuid():N}";
        var payload = JsonSerializer.Serialize(fields with { Id = id, Source = source }, PiChassisJson.Wire.RequestPayload);
        var text = await session.RequestAsync(chassis.Topics.OwnedRequest(session.Owner, verb), payload, id, patience, cancel);
        if (text is null)
        {
            return ChassisReply.Missing(chassis, $"chassis {chassis.Id} did not answer within {patience.TotalSeconds:0.#} s");
        }

        try
        {
            return new ChassisReply(chassis, JsonSerializer.Deserialize(text, PiChassisJson.Wire.ResponsePayload));
        }
        catch (JsonException e)
        {
            return ChassisReply.Missing(chassis, $"chassis {chassis.Id} answered something unreadable: {e.Message}");
        }
    }
}
