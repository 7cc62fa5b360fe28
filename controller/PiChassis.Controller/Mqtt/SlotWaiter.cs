using PiChassis.Controller.Engine;

namespace PiChassis.Controller.Mqtt;

/// <summary>
/// Lets requests wait for a slot to reach a condition. Waits are registered and checked on the
/// engine loop (in the same step that executed the command, so no change can slip between),
/// and completed from the engine's state changes.
/// </summary>
public sealed class SlotWaiter
{
    private readonly List<Pending> _pending = [];

    public SlotWaiter(PowerEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        engine.StateChanged += (_, state) => OnStateChanged(state);
    }

    /// <summary>On the engine loop: completes at once when <paramref name="current"/> already satisfies the condition.</summary>
    public Task<WaitOutcome> Register(SlotState current, Func<SlotState, WaitOutcome?> condition)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(condition);
        if (condition(current) is { } outcome)
        {
            return Task.FromResult(outcome);
        }

        var pending = new Pending(current.Slot, condition);
        _pending.Add(pending);
        return pending.Done.Task;
    }

    /// <summary>On the engine loop: gives up a wait that timed out.</summary>
    public void Cancel(Task<WaitOutcome> wait) => _pending.RemoveAll(p => p.Done.Task == wait);

    public int Count => _pending.Count;

    private void OnStateChanged(SlotState state)
    {
        for (var i = _pending.Count - 1; i >= 0; i--)
        {
            var pending = _pending[i];
            if (pending.Slot == state.Slot && pending.Condition(state) is { } outcome)
            {
                _pending.RemoveAt(i);
                pending.Done.TrySetResult(outcome);
            }
        }
    }

    private sealed record Pending(int Slot, Func<SlotState, WaitOutcome?> Condition)
    {
        public TaskCompletionSource<WaitOutcome> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
