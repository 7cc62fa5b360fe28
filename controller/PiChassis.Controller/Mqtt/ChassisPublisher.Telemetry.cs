using MQTTnet.Protocol;
using PiChassis.Shared.Json;

namespace PiChassis.Controller.Mqtt;

public sealed partial class ChassisPublisher
{
    /// <summary>Chassis telemetry and that of <paramref name="slots"/> (null: every slot), retained with expiry, QoS 0.</summary>
    private async Task PublishTelemetryAsync(IReadOnlyList<int>? slots)
    {
        if (!_connection.IsConnected || _hub.Latest is not { } snapshot)
        {
            return;
        }

        var (states, headroomW, energy) = await _loop.RunAsync(e => (e.States, e.HeadroomW, e.Energy.All));
        var now = _time.GetUtcNow();
        var expiry = TelemetryExpiryS;
        var chassis = PayloadFactory.ChassisTelemetry(snapshot, states, _power.PsuBudgetW, headroomW, _fan.DutyPercent, now, _store?.Health.Status);
        await _connection.PublishAsync(MqttMessages.Json(_topics.Telemetry, chassis, PiChassisJson.Wire.ChassisTelemetryPayload,
            retain: true, MqttQualityOfServiceLevel.AtMostOnce, expiry));
        foreach (var sample in snapshot.Slots.Where(s => slots is null || slots.Contains(s.Slot)))
        {
            var lifetimeWh = energy.FirstOrDefault(e => e.Slot == sample.Slot)?.LifetimeWh ?? 0;
            var payload = PayloadFactory.SlotTelemetry(sample, lifetimeWh, now);
            await _connection.PublishAsync(MqttMessages.Json(_topics.SlotTelemetry(sample.Slot), payload, PiChassisJson.Wire.SlotTelemetryPayload,
                retain: true, MqttQualityOfServiceLevel.AtMostOnce, expiry));
        }

        if (slots is null)
        {
            _gate.Published(snapshot);
        }
    }
}
