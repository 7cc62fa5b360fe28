namespace PiChassis.Controller.Hosting;

/// <summary>
/// What stopped the controller from within, if anything: the program's exit code says so, and
/// systemd restarts it (restart adoption leaves the relays as they are).
/// </summary>
public sealed class ControllerFault
{
    /// <summary>The exit code of a controller stopped by a fault (EX_SOFTWARE).</summary>
    public const int ExitCode = 70;

    private string? _what;

    /// <summary>The part that failed; null while nothing has.</summary>
    public string? What => Volatile.Read(ref _what);

    /// <summary>Records the first fault; later ones follow from it.</summary>
    public bool Report(string what) => Interlocked.CompareExchange(ref _what, what, null) is null;
}
