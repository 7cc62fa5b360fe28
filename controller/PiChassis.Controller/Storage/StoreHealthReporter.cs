using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using PiChassis.Controller.Engine;

namespace PiChassis.Controller.Storage;

/// <summary>
/// Puts a <c>store_health</c> event in the journal when the store starts or stops failing, or falls
/// behind or catches up, so the story of a bad SD card is told where operators look. The event is
/// itself written behind: it reaches the file (and MQTT) once the store works again.
/// </summary>
public sealed class StoreHealthReporter(StoreDatabase store, PowerEngineLoop loop, ChassisEvents events) : IHostedService
{
    private const string Source = "store";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        store.HealthChanged += OnHealthChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        store.HealthChanged -= OnHealthChanged;
        return Task.CompletedTask;
    }

    private void OnHealthChanged(object? sender, StoreHealth health) => loop.Post(_ => events.Append(EventTypes.StoreHealth, null, Source, new JsonObject
    {
        ["status"] = health.Status,
        ["queued"] = health.Queued,
        ["lost_records"] = health.LostRecords,
    }));
}
