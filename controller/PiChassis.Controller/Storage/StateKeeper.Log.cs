using Microsoft.Extensions.Logging;

namespace PiChassis.Controller.Storage;

public sealed partial class StateKeeper
{
    [LoggerMessage(EventId = 310, Level = LogLevel.Information,
        Message = "Restored {Slots} slot(s) and the energy counters of {Day:yyyy-MM-dd} from the store ({Status}); the previous run's stop was {PreviousStop}")]
    private partial void LogStarted(int slots, DateOnly day, StoreStatus status, PreviousStop previousStop);

    [LoggerMessage(EventId = 312, Level = LogLevel.Information,
        Message = "Restored {Slots} slot(s) from the store ({Status}), which keeps no energy counters yet; the previous run's stop was {PreviousStop}")]
    private partial void LogStartedWithoutEnergy(int slots, StoreStatus status, PreviousStop previousStop);

    [LoggerMessage(EventId = 313, Level = LogLevel.Warning,
        Message = "The energy counters' flush has waited {Waited} for the disk; the next one starts once it is written")]
    private partial void LogFlushStalled(TimeSpan waited);

    [LoggerMessage(EventId = 311, Level = LogLevel.Warning, Message = "The power engine has stopped: its state could not be written")]
    private partial void LogLoopStopped();
}
