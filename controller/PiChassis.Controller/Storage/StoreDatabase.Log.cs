using Microsoft.Extensions.Logging;

namespace PiChassis.Controller.Storage;

public sealed partial class StoreDatabase
{
    /// <summary>Stable id of the message below, for log filters and tests.</summary>
    public const int CreatedEventId = 300;

    [LoggerMessage(EventId = CreatedEventId, Level = LogLevel.Warning,
        Message = "No store at {Path}: starting a fresh one; the hardware is adopted as found")]
    private static partial void LogCreated(ILogger logger, string path);

    [LoggerMessage(EventId = 301, Level = LogLevel.Error,
        Message = "The store {Path} is unusable ({Problem}); it is kept as {SetAside} and a fresh store started. The hardware is adopted as found; event numbers continue after {Seq}")]
    private static partial void LogSetAside(ILogger logger, string path, string problem, string setAside, long seq);

    /// <summary>Stable id of the message below, for log filters and tests.</summary>
    public const int InMemoryEventId = 302;

    [LoggerMessage(EventId = InMemoryEventId, Level = LogLevel.Error,
        Message = "The store {Path} cannot be used ({Problem}): state, energy and events are kept in memory only until the controller stops")]
    private static partial void LogInMemory(ILogger logger, string path, string problem, Exception exception);

    [LoggerMessage(EventId = 303, Level = LogLevel.Error, Message = "Store {Path}: {What} failed; the controller goes on and the writer tries again until the disk works")]
    private static partial void LogFailed(ILogger logger, string what, string path, Exception exception);

    [LoggerMessage(EventId = 304, Level = LogLevel.Information, Message = "Store {Path} works again")]
    private static partial void LogWorksAgain(ILogger logger, string path);

    [LoggerMessage(EventId = 305, Level = LogLevel.Error, Message = "Store {Path}: {What} could not be written and is lost; the other records went in")]
    private static partial void LogRecordFailed(ILogger logger, string what, string path, Exception exception);

    [LoggerMessage(EventId = 306, Level = LogLevel.Warning, Message = "Store {Path} is {Batches} steps behind: commands are refused until it catches up; protection goes on")]
    private static partial void LogBehind(ILogger logger, string path, int batches);

    [LoggerMessage(EventId = 307, Level = LogLevel.Error, Message = "Store {Path}: the write queue is full; {Records} records are lost")]
    private static partial void LogLost(ILogger logger, int records, string path);

    [LoggerMessage(EventId = 308, Level = LogLevel.Critical, Message = "Store {Path}: the writer failed and has stopped")]
    private static partial void LogWriterFaulted(ILogger logger, string path, Exception exception);
}
