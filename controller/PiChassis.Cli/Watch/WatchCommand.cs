using System.CommandLine;
using PiChassis.Cli.Commands;
using Spectre.Console;

namespace PiChassis.Cli.Watch;

/// <summary>
/// <c>watch</c>: the status table live, plus chassis power, headroom and temperatures. On a terminal
/// it redraws in place (Spectre Live); redirected or on a dumb terminal it prints the table again
/// whenever something changed.
/// </summary>
public static class WatchCommand
{
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(1);

    public static Command Build(GlobalOptions options, CliIo io)
    {
        var command = new Command("watch", "live status of every chassis (Ctrl+C ends)");
        command.SetAction(async (parse, cancel) =>
        {
            var context = new CommandContext(parse, options, io);
            var (session, _) = await context.ConnectAsync(cancel);
            await using (session)
            {
                var model = new WatchModel();
                session.Received += model.Apply;
                await session.SubscribeAsync(WatchModel.Filters, cancel);
                try
                {
                    await (io.IsInteractive ? LiveAsync(io, model, cancel) : PlainAsync(io, model, cancel));
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C ends watching normally.
                }

                return ExitCodes.Ok;
            }
        });
        return command;
    }

    private static Task LiveAsync(CliIo io, WatchModel model, CancellationToken cancel) =>
        io.Console.Live(WatchView.Render(model.Snapshot(), io.Time.GetUtcNow())).StartAsync(async live =>
        {
            while (true)
            {
                await Task.Delay(Refresh, io.Time, cancel);
                live.UpdateTarget(WatchView.Render(model.Snapshot(), io.Time.GetUtcNow()));
            }
        });

    private static async Task PlainAsync(CliIo io, WatchModel model, CancellationToken cancel)
    {
        var shown = 0L;
        while (true)
        {
            if (model.Version != shown)
            {
                shown = model.Version;
                io.Console.Write(WatchView.Render(model.Snapshot(), io.Time.GetUtcNow()));
                io.Console.WriteLine();
            }

            await Task.Delay(Refresh, io.Time, cancel);
        }
    }
}
