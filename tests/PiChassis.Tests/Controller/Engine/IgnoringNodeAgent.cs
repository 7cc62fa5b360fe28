using PiChassis.Controller.Engine;

namespace PiChassis.Tests.Controller.Engine;

/// <summary>A node agent whose nodes never halt (a hung OS), to exercise the forced off.</summary>
internal sealed class IgnoringNodeAgent : INodeAgent
{
    public List<int> Requests { get; } = [];

    public void RequestHalt(int slot, string node) => Requests.Add(slot);
}
