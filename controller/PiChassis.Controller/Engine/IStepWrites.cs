namespace PiChassis.Controller.Engine;

/// <summary>
/// Groups what one step of the engine loop writes (its events, the slot states it changed) into
/// one commit, made when the step is over: one commit instead of one per record, and a caller the
/// step answered (a request waiting for its relay) is not kept waiting for the disk.
/// </summary>
public interface IStepWrites
{
    /// <summary>Starts a step's writes; disposing the result commits them.</summary>
    IDisposable Begin();
}
