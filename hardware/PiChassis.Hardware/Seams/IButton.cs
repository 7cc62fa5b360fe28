namespace PiChassis.Hardware;

/// <summary>A debounced push button. Raises one event per settled change of level.</summary>
public interface IButton : IDisposable
{
    bool IsPressed { get; }

    /// <summary>Raised on the thread that observed the settled edge; handlers must be quick.</summary>
    event EventHandler<ButtonEdge>? Changed;
}
