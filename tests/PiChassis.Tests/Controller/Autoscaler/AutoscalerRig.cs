using Microsoft.Extensions.Logging.Abstractions;
using PiChassis.Controller.Autoscaler;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Policy;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Tests.Controller.Autoscaler;

/// <summary>
/// A <see cref="SimulatedRig"/> of four unpowered slots with one node group, <c>workers</c> (node01 to
/// node03, min 1, max 3), and the <see cref="NodeGroupActions"/> the service uses, called as the engine
/// loop would call them.
/// </summary>
internal sealed class AutoscalerRig : IDisposable
{
    public const string Group = "workers";

    public AutoscalerRig(Action<PowerOptions>? power = null, Action<NodeGroupOptions>? group = null, string[]? remoteChassis = null)
    {
        var options = new AutoscalerOptions();
        options.RemoteChassis.AddRange(remoteChassis ?? []);
        var workers = new NodeGroupOptions { Name = Group, Nodes = "node[01-03]", MinSize = 1, MaxSize = 3 };
        group?.Invoke(workers);
        options.NodeGroups.Add(workers);
        var chassis = new ChassisOptions { SlotCount = 4 };
        DefaultWiring.ApplyTo(chassis);
        List<string> errors = [];
        Groups = NodeGroupSet.Build(options, chassis, errors);
        Assert.Empty(errors);
        Rig = new SimulatedRig(slots: 4, power: p =>
        {
            p.MinOffTime = TimeSpan.Zero;
            power?.Invoke(p);
        }, autoscaled: [.. Groups.Slots]);
        Policy = new CapacityPolicy(Rig.Engine, new PolicyOptions(), Rig.Events, Rig.Time, NullLogger<CapacityPolicy>.Instance);
        Remote = new RemoteSlots(options, Groups, NullLogger<RemoteSlots>.Instance);
        Actions = new NodeGroupActions(Groups, Remote, Policy, "sim", Rig.Time);
    }

    public SimulatedRig Rig { get; }

    public NodeGroupSet Groups { get; }

    public CapacityPolicy Policy { get; }

    /// <summary>What the other chassis published, fed in with <see cref="RemoteSlots.TryHandle"/>.</summary>
    public RemoteSlots Remote { get; }

    public NodeGroupActions Actions { get; }

    public PowerEngine Engine => Rig.Engine;

    public SlotPhase[] Phases => [.. Rig.Engine.States.Select(s => s.Phase)];

    /// <summary>Powers the slots on and runs until they are up.</summary>
    public void Up(params int[] slots)
    {
        foreach (var slot in slots)
        {
            Assert.True(Rig.Execute(slot, SlotAction.On).Ok);
        }

        Assert.True(Rig.RunUntil(() => slots.All(s => Rig.State(s).Phase == SlotPhase.On), TimeSpan.FromMinutes(3)));
    }

    public void Dispose() => Rig.Dispose();
}
