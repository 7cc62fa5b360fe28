using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace PiChassis.Controller.Engine;

/// <summary>
/// Asks a node to halt by running a configured command (e.g. <c>ssh {node} sudo poweroff</c>),
/// for nodes without the MQTT node agent. The template is split into words once, here (the
/// configuration check has refused one that cannot be split); each halt starts the program with the
/// node name as one argument, never through a shell. Fire and forget: the engine watches the halt
/// current. The process is started off the engine loop, since starting one can take long on a busy Pi.
/// </summary>
public sealed partial class CommandNodeAgent : INodeAgent
{
    private readonly HaltCommandTemplate? _template;
    private readonly ILogger<CommandNodeAgent> _logger;

    public CommandNodeAgent(string? commandTemplate, ILogger<CommandNodeAgent> logger)
    {
        _logger = logger;
        if (string.IsNullOrWhiteSpace(commandTemplate))
        {
            return;
        }

        if (!HaltCommandTemplate.TryParse(commandTemplate, out _template, out var error))
        {
            throw new ArgumentException($"Power:HaltCommand cannot be split into words: {error}.", nameof(commandTemplate));
        }
    }

    public void RequestHalt(int slot, string node)
    {
        if (_template is null)
        {
            LogNoCommand(slot, node);
            return;
        }

        var start = _template.StartInfo(slot, node);
        _ = Task.Run(() => Start(slot, start));
    }

    private void Start(int slot, ProcessStartInfo start)
    {
        var command = string.Join(' ', [start.FileName, .. start.ArgumentList]);
        try
        {
            using var process = Process.Start(start);
            LogHaltCommand(slot, command);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            LogHaltCommandFailed(slot, command, e.Message);
        }
    }

    [LoggerMessage(EventId = 220, Level = LogLevel.Warning, Message = "Slot {Slot} ({Node}): no halt command configured (Power:HaltCommand); waiting for the halt timeout")]
    private partial void LogNoCommand(int slot, string node);

    [LoggerMessage(EventId = 221, Level = LogLevel.Information, Message = "Slot {Slot}: halt requested with {Command}")]
    private partial void LogHaltCommand(int slot, string command);

    [LoggerMessage(EventId = 222, Level = LogLevel.Error, Message = "Slot {Slot}: halt command {Command} failed: {Reason}")]
    private partial void LogHaltCommandFailed(int slot, string command, string reason);
}
