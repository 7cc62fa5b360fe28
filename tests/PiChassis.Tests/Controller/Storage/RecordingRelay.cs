using PiChassis.Hardware;

namespace PiChassis.Tests.Controller.Storage;

/// <summary>A relay that counts the writes that changed it, so a test can prove nothing was switched.</summary>
internal sealed class RecordingRelay(bool closed) : IRelay
{
    public bool IsClosed { get; private set; } = closed;

    public int Writes { get; private set; }

    public void Set(bool closed)
    {
        if (closed != IsClosed)
        {
            IsClosed = closed;
            Writes++;
        }
    }
}
