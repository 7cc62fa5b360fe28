using Microsoft.Extensions.Options;

namespace PiChassis.Controller.Configuration;

/// <summary>Turns a list of checks into one validation result that names every failed one.</summary>
internal static class OptionChecks
{
    public static string? Check(bool ok, string error) => ok ? null : error;

    public static ValidateOptionsResult Result(params string?[] errors)
    {
        var failed = errors.OfType<string>().ToList();
        return failed.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failed);
    }
}
