namespace PiChassis.Controller.Storage;

/// <summary>How the store's writer is doing: <see cref="Status"/> is ok, behind or failing.</summary>
/// <param name="Queued">Batches waiting for the writer.</param>
/// <param name="LostRecords">Records dropped because the queue was full, since the start.</param>
public sealed record StoreHealth(string Status, int Queued, long LostRecords)
{
    public const string Ok = "ok";
    public const string Behind = "behind";
    public const string Failing = "failing";
}
