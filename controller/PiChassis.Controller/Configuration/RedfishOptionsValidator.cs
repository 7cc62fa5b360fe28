using System.Net;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Redfish;
using static PiChassis.Controller.Configuration.OptionChecks;

namespace PiChassis.Controller.Configuration;

/// <summary>
/// Checks the Redfish section, even while it is disabled, so enabling it later cannot fail at start:
/// an address off loopback needs a certificate (no plain HTTP on the network), every account a valid hash.
/// </summary>
public sealed class RedfishOptionsValidator : IValidateOptions<RedfishOptions>
{
    private const int MaxPath = 4096;
    private const int MaxUserName = 64;
    private const int MaxPassword = 1024;

    public ValidateOptionsResult Validate(string? name, RedfishOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var address = TryParseAddress(options.Address, out var ip);
        var errors = new List<string?>
        {
            Check(address, $"Redfish:Address '{Shorten(options.Address)}' must be an IP address, e.g. 127.0.0.1 or 0.0.0.0."),
            Check(options.Port is >= 0 and <= 65535, $"Redfish:Port {options.Port} must be 0 (a free port) to 65535."),
            Check(options.CertificatePath is null || (options.CertificatePath.Length <= MaxPath && File.Exists(options.CertificatePath)),
                $"Redfish:CertificatePath '{Shorten(options.CertificatePath)}' is not an existing file."),
            Check(!address || IPAddress.IsLoopback(ip) || options.CertificatePath is not null,
                $"Redfish:CertificatePath is required: Redfish:Address {options.Address} is not loopback, and off loopback Redfish is served over HTTPS only."),
            Check(options.CertificatePassword is null || options.CertificatePassword.Length <= MaxPassword,
                $"Redfish:CertificatePassword is longer than {MaxPassword} characters."),
            Check(options.SessionTimeout >= TimeSpan.FromSeconds(30) && options.SessionTimeout <= TimeSpan.FromDays(1),
                $"Redfish:SessionTimeout {options.SessionTimeout} must be 30 s to 1 day (Redfish's range)."),
            Check(options.MaxSessions is >= 1 and <= 1024, $"Redfish:MaxSessions {options.MaxSessions} must be 1 to 1024."),
            Check(options.LockoutAttempts is >= 1 and <= 100, $"Redfish:LockoutAttempts {options.LockoutAttempts} must be 1 to 100."),
            Check(options.LockoutDuration >= TimeSpan.FromSeconds(1) && options.LockoutDuration <= TimeSpan.FromDays(1),
                $"Redfish:LockoutDuration {options.LockoutDuration} must be 1 s to 1 day."),
            Check(options.RequestsPerSecond is >= 1 and <= 1000, $"Redfish:RequestsPerSecond {options.RequestsPerSecond} must be 1 to 1000."),
            Check(options.RequestBurst is >= 1 and <= 10_000, $"Redfish:RequestBurst {options.RequestBurst} must be 1 to 10000."),
            Check(options.PasswordChecksPerSecond is >= 0.1 and <= 100, $"Redfish:PasswordChecksPerSecond {options.PasswordChecksPerSecond} must be 0.1 to 100."),
        };
        for (var i = 0; i < options.Accounts.Count; i++)
        {
            errors.AddRange(CheckAccount(options.Accounts, i));
        }

        return Result([.. errors]);
    }

    public static bool TryParseAddress(string? text, out IPAddress address)
    {
        address = IPAddress.Loopback;
        if (string.IsNullOrWhiteSpace(text) || !IPAddress.TryParse(text.Trim(), out var parsed))
        {
            return false;
        }

        address = parsed;
        return true;
    }

    private static IEnumerable<string?> CheckAccount(List<RedfishAccountOptions> accounts, int i)
    {
        var account = accounts[i];
        var where = $"Redfish:Accounts:{i}";
        var user = account.UserName;
        yield return Check(user.Length is > 0 and <= MaxUserName && !user.Contains(':', StringComparison.Ordinal) && !user.Any(char.IsControl),
            $"{where}: UserName '{Shorten(user)}' must be 1 to {MaxUserName} characters, without ':' or control characters.");
        yield return Check(accounts.FindIndex(a => a.UserName == user) == i, $"{where}: UserName '{Shorten(user)}' is listed twice.");
        yield return Check(Enum.IsDefined(account.Role), $"{where}: Role '{account.Role}' must be Administrator, Operator or ReadOnly.");
        var hashError = account.PasswordHash.Length > MaxPath ? "is too long"
            : PasswordHash.TryParse(account.PasswordHash, out _, out var why) ? null : why;
        yield return hashError is null ? null : $"{where}: PasswordHash {hashError}.";
    }
}
