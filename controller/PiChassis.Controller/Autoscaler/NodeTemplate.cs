using PiChassis.Controller.Configuration;

namespace PiChassis.Controller.Autoscaler;

/// <summary>Placeholder until branch k8s brings the v1.Node template encoder.</summary>
public static class NodeTemplate
{
    public static byte[] Build(NodeGroupOptions group, string chassisId) => [];
}
