using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PiChassis.Controller.Hosting;
using PiChassis.Controller.Redfish;

var commandLine = ControllerCommandLine.Parse(args);
if (commandLine.ShowHelp)
{
    Console.WriteLine(ControllerCommandLine.Usage);
    return 0;
}

if (commandLine.HashPassword && commandLine.Errors.Count == 0)
{
    // From stdin, not the command line, so the password stays out of the shell history and the process list.
    var password = Console.In.ReadLine();
    if (string.IsNullOrEmpty(password))
    {
        Console.Error.WriteLine("error: --hash-password reads the password from the first line of stdin, and it was empty.");
        return 2;
    }

    Console.WriteLine(PasswordHash.Create(password));
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
var fileErrors = ControllerConfiguration.AddSources(builder.Configuration, commandLine, ControllerConfiguration.SystemConfigFileForPlatform);
if (fileErrors.Count > 0)
{
    foreach (var error in fileErrors)
    {
        Console.Error.WriteLine($"error: {error}");
    }

    return 2;
}

builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
if (Environment.GetEnvironmentVariable("JOURNAL_STREAM") is { Length: > 0 })
{
    // Under systemd: the journal keeps the time, and the <N> prefixes carry each line's level.
    builder.Logging.AddSystemdConsole();
}
else
{
    builder.Logging.AddSimpleConsole(o =>
    {
        o.SingleLine = true;
        o.TimestampFormat = "HH:mm:ss ";
    });
}

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

// Taken before the run: RunAsync disposes the host's services when it returns.
var fault = host.Services.GetRequiredService<ControllerFault>();
await host.RunAsync();
return fault.What is null ? 0 : ControllerFault.ExitCode;
