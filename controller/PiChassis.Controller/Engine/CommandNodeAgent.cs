using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace PiChassis.Controller.Engine;

/// <summary>
/// Asks a node to halt by running a configured command (e.g. <c>ssh {node} sudo poweroff</c>),
/// for nodes without the MQTT node agent. Fire and forget: the engine watches the halt current.
/// The process is started off the engine loop, since starting one can take long on a busy Pi.
/// </summary>
public sealed partial class CommandNodeAgent(string? commandTemplate, ILogger<CommandNodeAgent> logger) : INodeAgent
{
    public void RequestHalt(int slot, string node)
    {
        if (string.IsNullOrWhiteSpace(commandTemplate))
        {
            LogNoCommand(slot, node);
            return;
        }

        var command = commandTemplate.Replace("{node}", node, StringComparison.Ordinal)
            .Replace("{slot}", slot.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        _ = Task.Run(() => Start(slot, command));
    }

    private void Start(int slot, string command)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", command }, UseShellExecute = false });
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
