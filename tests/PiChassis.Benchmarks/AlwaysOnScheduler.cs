using PiChassis.Tests.TestSupport;

namespace PiChassis.Benchmarks;

/// <summary>The baseline: every slot stays on all day.</summary>
internal sealed class AlwaysOnScheduler : IReplayScheduler
{
    public string Name => "always on";

    public bool StartsPowered => true;

    public void Prepare(SimulatedRig rig)
    {
    }

    public void Act(SimulatedRig rig, int demand, WorkAssigner work)
    {
    }
}
