namespace PiChassis.Controller.Engine;

/// <summary>
/// Groups what one step of the engine loop writes (its events, the slot states it changed) into
/// one batch, handed to the store's writer when the step is over: the loop never waits for the
/// disk or for a lock that disk work holds.
/// </summary>
public interface IStepWrites
{
    /// <summary>True while the writer is so far behind that new commands should be refused.</summary>
    bool IsBehind { get; }

    /// <summary>Starts a step's writes; disposing the result hands them to the writer.</summary>
    IDisposable Begin();
}
