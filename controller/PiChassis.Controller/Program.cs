using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PiChassis.Controller.Hosting;

var commandLine = ControllerCommandLine.Parse(args);
if (commandLine.ShowHelp)
{
    Console.WriteLine(ControllerCommandLine.Usage);
    return 0;
}

if (commandLine.Errors.Count > 0)
{
    foreach (var error in commandLine.Errors)
    {
        Console.Error.WriteLine($"error: {error}");
    }

    Console.Error.WriteLine("Run with --help for the options.");
    return 2;
}

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    DisableDefaults = true,
    ContentRootPath = AppContext.BaseDirectory,
});
builder.Configuration.AddJsonFile("appsettings.json", optional: true);
if (commandLine.ConfigFile is not null)
{
    builder.Configuration.AddJsonFile(Path.GetFullPath(commandLine.ConfigFile), optional: false);
}

builder.Configuration.AddEnvironmentVariables("PICHASSIS_");
if (commandLine.Simulate && !commandLine.Settings.ContainsKey("Storage:DataDir"))
{
    // A simulated chassis keeps its state out of /var/lib so any user can try it.
    commandLine.Settings["Storage:DataDir"] = Path.Combine(Path.GetTempPath(), "pichassis-sim");
}

builder.Configuration.AddInMemoryCollection(commandLine.Settings);
builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
builder.Logging.AddSimpleConsole(o =>
{
    o.SingleLine = true;
    o.TimestampFormat = "HH:mm:ss ";
});
builder.Services.AddPiChassisController(builder.Configuration);

using var host = builder.Build();
var configErrors = ConfigurationCheck.Collect(host.Services);
if (configErrors.Count > 0)
{
    Console.Error.WriteLine($"error: the configuration has {configErrors.Count} problem(s):");
    foreach (var error in configErrors)
    {
        Console.Error.WriteLine($"  - {error}");
    }

    return 2;
}

await host.RunAsync();
return 0;
