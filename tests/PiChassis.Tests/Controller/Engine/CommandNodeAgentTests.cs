using Microsoft.Extensions.Logging.Abstractions;
using PiChassis.Controller.Engine;

namespace PiChassis.Tests.Controller.Engine;

public sealed class CommandNodeAgentTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pichassis-halt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task RequestHalt_ScriptThatWritesItsArgv_GetsTheNodeAsOneArgument()
    {
        var script = Path.Combine(_dir, "halt.sh");
        var output = Path.Combine(_dir, "argv");
        await File.WriteAllTextAsync(script, $"#!/bin/sh\nprintf '%s\\n' \"$@\" > '{output}.tmp' && mv '{output}.tmp' '{output}'\n");
        var agent = new CommandNodeAgent($"/bin/sh '{script}' {{node}} -s {{slot}} >x", NullLogger<CommandNodeAgent>.Instance);

        agent.RequestHalt(3, "node03");

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!File.Exists(output))
        {
            await Task.Delay(20, patience.Token);
        }

        // Under the old `/bin/sh -c` the '>x' was a redirection and the argv lost it.
        Assert.Equal(["node03", "-s", "3", ">x"], await File.ReadAllLinesAsync(output));
    }
}
