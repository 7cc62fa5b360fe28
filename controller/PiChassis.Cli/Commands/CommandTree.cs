using System.CommandLine;
using PiChassis.Cli.Watch;

namespace PiChassis.Cli.Commands;

/// <summary>The whole command line of <c>pichassis</c>.</summary>
public static class CommandTree
{
    public static RootCommand Build(CliIo io)
    {
        var options = new GlobalOptions();
        var root = new RootCommand("pichassis: power, status and energy of PiChassis cluster chassis over MQTT");
        foreach (var option in options.All)
        {
            root.Options.Add(option);
        }

        foreach (var command in SwitchCommands.Build(options, io).Concat(QueryCommands.Build(options, io)))
        {
            root.Subcommands.Add(command);
        }

        root.Subcommands.Add(WatchCommand.Build(options, io));
        root.Subcommands.Add(EventsCommand.Build(options, io));
        return root;
    }
}
