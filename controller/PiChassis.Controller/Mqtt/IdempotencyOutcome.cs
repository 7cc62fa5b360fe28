namespace PiChassis.Controller.Mqtt;

/// <summary>What <see cref="IdempotencyCache.GetOrStart"/> made of a request id.</summary>
public enum IdempotencyOutcome
{
    /// <summary>A new id: the work was started.</summary>
    Started,

    /// <summary>The same client sent the same id with the same verb and content: the first response again.</summary>
    Repeated,

    /// <summary>The same client sent the id before with another verb or content: refused, nothing is done.</summary>
    Reused,
}
