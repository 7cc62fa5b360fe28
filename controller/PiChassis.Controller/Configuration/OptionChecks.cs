using Microsoft.Extensions.Options;

namespace PiChassis.Controller.Configuration;

/// <summary>Turns a list of checks into one validation result that names every failed one.</summary>
internal static class OptionChecks
{
    public static string? Check(bool ok, string error) => ok ? null : error;

    /// <summary>A value as quoted in an error: a setting may be any length, an error line stays readable.</summary>
    public static string? Shorten(string? text) => text is { Length: > 80 } ? $"{text[..80]}…" : text;

    public static ValidateOptionsResult Result(params string?[] errors)
    {
        var failed = errors.OfType<string>().ToList();
        return failed.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failed);
    }
}
