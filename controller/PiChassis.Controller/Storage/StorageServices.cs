using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;

namespace PiChassis.Controller.Storage;

/// <summary>Registers the persistent store, the event journal in it and the state keeper.</summary>
public static class StorageServices
{
    /// <summary>
    /// Call after the engine loop's hosted service and before the sampling service's: the keeper
    /// starts on a running loop and restores the stored state before the first sweep.
    /// </summary>
    public static IServiceCollection AddPiChassisStorage(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => StoreDatabase.Open(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataDir,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<StoreDatabase>>(),
            sp.GetService<IStoreFaults>()));
        services.TryAddSingleton<IStepWrites>(sp => sp.GetRequiredService<StoreDatabase>());
        services.TryAddSingleton<StateStore>();
        services.TryAddSingleton<IEventJournal>(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new SqliteEventJournal(sp.GetRequiredService<StoreDatabase>(), storage.JournalMaxAge, storage.JournalMaxEvents);
        });
        services.TryAddSingleton<StateKeeper>();
        services.AddHostedService(sp => sp.GetRequiredService<StateKeeper>());
        services.AddHostedService<StoreHealthReporter>();
        return services;
    }
}
