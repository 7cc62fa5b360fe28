namespace PiChassis.Controller.Sampling;

/// <summary>Hands each new snapshot to its readers. The latest one is always available.</summary>
public sealed class SnapshotHub
{
    private ChassisSnapshot? _latest;

    /// <summary>Raised on the sampling thread after each sweep; handlers must be quick and not throw.</summary>
    public event EventHandler<ChassisSnapshot>? Sampled;

    public ChassisSnapshot? Latest => Volatile.Read(ref _latest);

    public void Publish(ChassisSnapshot snapshot)
    {
        Volatile.Write(ref _latest, snapshot);
        Sampled?.Invoke(this, snapshot);
    }
}
