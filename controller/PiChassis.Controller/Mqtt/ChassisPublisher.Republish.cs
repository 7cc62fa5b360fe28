using PiChassis.Controller.Engine;
using PiChassis.Shared.Json;
using PiChassis.Shared.Mqtt;
using PiChassis.Shared.Payloads;

namespace PiChassis.Controller.Mqtt;

public sealed partial class ChassisPublisher
{
    /// <summary>After a (re)connect: the whole picture, then <c>online</c>, then the events raised while away.</summary>
    private async Task RepublishAsync()
    {
        var states = await _loop.RunAsync(e => e.States);
        _infoSlots.Clear();
        if (!await PublishInfoAsync(states) || !await PublishDiscoveryCoreAsync(states))
        {
            return;
        }

        foreach (var state in states)
        {
            if (!await PublishStateAsync(state))
            {
                return;
            }
        }

        await PublishTelemetryAsync(null);
        if (await _connection.PublishAsync(MqttMessages.Text(_topics.Status, Availability.Online, retain: true)))
        {
            LogOnline(_topics.Base);
            await PumpEventsAsync();
        }
    }

    private async Task<bool> PublishStateAsync(SlotState state)
    {
        if (!_connection.IsConnected)
        {
            return false;
        }

        if (_infoSlots.TryGetValue(state.Slot, out var known) && known != (state.Node, state.Policy, state.PendingNode))
        {
            await PublishInfoAsync(await _loop.RunAsync(e => e.States));
        }

        var payload = PayloadFactory.State(state, _time.GetUtcNow());
        return await _connection.PublishAsync(MqttMessages.Json(_topics.SlotState(state.Slot), payload, PiChassisJson.Wire.SlotStatePayload, retain: true));
    }

    private async Task<bool> PublishInfoAsync(IReadOnlyList<SlotState> states)
    {
        var slots = states.Select(s =>
        {
            var configured = _identity.ConfiguredNode(s.Slot);
            return new InfoSlot(s.Slot, s.Node, PowerEngine.Wire(s.Policy), configured == s.Node ? null : configured, s.PendingNode);
        }).ToList();
        var info = new InfoPayload(_time.GetUtcNow(), InfoPayload.CurrentSchema, SoftwareVersion.Text, _topics.ChassisId,
            _power.PsuBudgetW, slots, [.. _chassis.Probes.Select(p => p.Name)]);
        foreach (var state in states)
        {
            _infoSlots[state.Slot] = (state.Node, state.Policy, state.PendingNode);
        }

        return await _connection.PublishAsync(MqttMessages.Json(_topics.Info, info, PiChassisJson.Wire.InfoPayload, retain: true));
    }

    private async Task PublishDiscoveryAsync() => await PublishDiscoveryCoreAsync(await _loop.RunAsync(e => e.States));

    private async Task<bool> PublishDiscoveryCoreAsync(IReadOnlyList<SlotState> states)
    {
        if (!_mqtt.Discovery)
        {
            return true;
        }

        var devices = HomeAssistantDiscovery.Build(_topics, _mqtt.DiscoveryPrefix, states.Select(s => s.Slot),
            _chassis.Probes.Select(p => p.Name), SoftwareVersion.Text, TimeSpan.FromSeconds(TelemetryExpiryS));
        foreach (var (topic, payload) in devices)
        {
            if (!await _connection.PublishAsync(MqttMessages.Json(topic, payload, PiChassisJson.Wire.HaDeviceDiscovery, retain: true)))
            {
                return false;
            }
        }

        return true;
    }
}
