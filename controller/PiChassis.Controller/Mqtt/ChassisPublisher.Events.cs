using PiChassis.Shared.Json;

namespace PiChassis.Controller.Mqtt;

public sealed partial class ChassisPublisher
{
    private const int EventBatch = 200;

    /// <summary>Publishes the journal's events after the last one sent, in seq order; stops at the first failure and resumes after the next connect.</summary>
    private async Task PumpEventsAsync()
    {
        while (_connection.IsConnected)
        {
            var batch = _events.Journal.Read(_publishedSeq, EventBatch);
            foreach (var chassisEvent in batch)
            {
                var payload = PayloadFactory.Event(chassisEvent);
                if (!await _connection.PublishAsync(MqttMessages.Json(_topics.Event, payload, PiChassisJson.Wire.EventPayload)))
                {
                    return;
                }

                if (chassisEvent.Slot is { } slot && slot >= 1
                    && !await _connection.PublishAsync(MqttMessages.Json(_topics.SlotEvent(slot), payload, PiChassisJson.Wire.EventPayload)))
                {
                    return;
                }

                _publishedSeq = chassisEvent.Seq;
            }

            if (batch.Count < EventBatch)
            {
                return;
            }
        }
    }
}
