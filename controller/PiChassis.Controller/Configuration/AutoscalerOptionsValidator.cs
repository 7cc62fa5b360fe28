using System.Net;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Autoscaler;
using PiChassis.Shared.Mqtt;
using static PiChassis.Controller.Configuration.OptionChecks;

namespace PiChassis.Controller.Configuration;

/// <summary>
/// Checks the autoscaler section, even while it is disabled, so enabling it later cannot fail at start:
/// off loopback mutual TLS is required (certificate, key and client CA), and every node group must
/// resolve to slots of this chassis (<see cref="NodeGroupSet"/>).
/// </summary>
public sealed class AutoscalerOptionsValidator(IOptions<ChassisOptions> chassis) : IValidateOptions<AutoscalerOptions>
{
    private const int MaxPath = 4096;

    public ValidateOptionsResult Validate(string? name, AutoscalerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var address = RedfishOptionsValidator.TryParseAddress(options.Address, out var ip);
        var files = new[] { options.CertificatePath, options.KeyPath, options.ClientCaPath };
        var errors = new List<string?>
        {
            Check(address, $"Autoscaler:Address '{Shorten(options.Address)}' must be an IP address, e.g. 127.0.0.1 or 0.0.0.0."),
            Check(options.Port is >= 0 and <= 65535, $"Autoscaler:Port {options.Port} must be 0 (a free port) to 65535."),
            FileCheck("CertificatePath", options.CertificatePath),
            FileCheck("KeyPath", options.KeyPath),
            FileCheck("ClientCaPath", options.ClientCaPath),
            Check(files.All(f => f is null) || files.All(f => f is not null),
                "Autoscaler:CertificatePath, Autoscaler:KeyPath and Autoscaler:ClientCaPath go together (mutual TLS)."),
            Check(!address || IPAddress.IsLoopback(ip) || options.UsesTls,
                $"Autoscaler:CertificatePath, Autoscaler:KeyPath and Autoscaler:ClientCaPath are required: Autoscaler:Address {options.Address} is not loopback, and off loopback the autoscaler is served with mutual TLS only."),
            Check(options.RequestsPerSecond is >= 0.1 and <= 1000, $"Autoscaler:RequestsPerSecond {options.RequestsPerSecond} must be 0.1 to 1000."),
        };
        var valid = ValidChassis();
        errors.AddRange(RemoteChassisChecks(options.RemoteChassis, valid?.Id));
        var groups = new List<string>();
        if (valid is not null)
        {
            NodeGroupSet.Build(options, valid, groups);
        }

        return Result([.. errors, .. groups]);
    }

    /// <summary>
    /// The chassis, when its own section is valid; else null: its errors are listed once, by its own
    /// check, and the groups (and "is this chassis") are checked against a valid chassis only.
    /// </summary>
    private ChassisOptions? ValidChassis()
    {
        try
        {
            return chassis.Value;
        }
        catch (OptionsValidationException)
        {
            return null;
        }
    }

    /// <summary>Each a valid chassis id (so no reserved level), none twice, not this chassis, and a handful at most.</summary>
    private static IEnumerable<string?> RemoteChassisChecks(List<string> remote, string? own)
    {
        yield return Check(remote.Count <= AutoscalerOptions.MaxRemoteChassis,
            $"Autoscaler:RemoteChassis lists {remote.Count} chassis; at most {AutoscalerOptions.MaxRemoteChassis}.");
        for (var i = 0; i < Math.Min(remote.Count, AutoscalerOptions.MaxRemoteChassis); i++)
        {
            var id = remote[i];
            yield return Check(Topics.IsValidChassisId(id),
                $"Autoscaler:RemoteChassis:{i} '{Shorten(id)}' must be a chassis id: 1 to 32 of a-z, 0-9 and '-', and not nodes, clients or requests.");
            yield return Check(id != own, $"Autoscaler:RemoteChassis:{i} '{Shorten(id)}' is this chassis.");
            yield return Check(remote.IndexOf(id) == i, $"Autoscaler:RemoteChassis:{i} '{Shorten(id)}' is listed twice.");
        }
    }

    private static string? FileCheck(string key, string? path) =>
        Check(path is null || (path.Length <= MaxPath && File.Exists(path)), $"Autoscaler:{key} '{Shorten(path)}' is not an existing file.");
}
