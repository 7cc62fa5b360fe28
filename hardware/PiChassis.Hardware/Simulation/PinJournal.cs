namespace PiChassis.Hardware.Simulation;

/// <summary>
/// The most recent driven-level changes of a simulated chip, oldest first. Bounded so that a
/// simulator blinking LEDs for days does not grow without end. Not synchronised: the owning
/// chip calls it under its own lock.
/// </summary>
internal sealed class PinJournal(TimeProvider timeProvider)
{
    public const int Capacity = 1024;

    private readonly Queue<PinLevelChange> _changes = new();

    public void Record(int pin, bool? level)
    {
        if (_changes.Count == Capacity)
        {
            _changes.Dequeue();
        }

        _changes.Enqueue(new PinLevelChange(timeProvider.GetUtcNow(), pin, level));
    }

    public PinLevelChange[] Snapshot() => [.. _changes];
}
