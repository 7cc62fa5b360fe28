using PiChassis.Tests.TestSupport;

namespace PiChassis.Benchmarks;

/// <summary>The scheduler's side of a replay: what it does with the chassis as demand comes and goes.</summary>
internal interface IReplayScheduler
{
    string Name { get; }

    /// <summary>Whether every slot is powered when the replay starts.</summary>
    bool StartsPowered { get; }

    void Prepare(SimulatedRig rig);

    /// <summary>Called before each sample, after the work was assigned.</summary>
    void Act(SimulatedRig rig, int demand, WorkAssigner work);

    /// <summary>
    /// The controller restarted (<see cref="SimulatedRig.RestartController"/>): what lived in it is
    /// gone but for its store. A scheduler outside the controller keeps its own state, as these peers do.
    /// </summary>
    void ControllerRestarted(SimulatedRig rig)
    {
    }

    /// <summary>The demand the controller forecasts (confidently) for the minute of <paramref name="at"/>; null when it makes none.</summary>
    int? Predicted(DateTimeOffset at) => null;
}
