using Microsoft.Extensions.Logging;

namespace PiChassis.Tests.Controller.Mqtt.Support;

/// <summary>Keeps the log entries of an in-process controller so tests can check what was logged.</summary>
internal sealed class LogCollector : ILoggerProvider
{
    private readonly List<(string Category, EventId Id, LogLevel Level, string Message)> _entries = [];
    private readonly Lock _lock = new();

    public IReadOnlyList<(string Category, EventId Id, LogLevel Level, string Message)> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries];
            }
        }
    }

    public bool Has(int eventId) => Entries.Any(e => e.Id.Id == eventId);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCollector owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner._lock)
            {
                owner._entries.Add((category, eventId, logLevel, formatter(state, exception)));
            }
        }
    }
}
