using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using PiChassis.Controller.Autoscaler.Grpc;
using PiChassis.Controller.Engine;

namespace PiChassis.Controller.Autoscaler;

/// <summary>
/// The <c>CloudProvider</c> service the cluster-autoscaler's <c>externalgrpc</c> provider calls
/// (docs/autoscaler.md). Every call is answered on the engine loop through <see cref="NodeGroupActions"/>;
/// a loop that is full or stopped, or a store too far behind to take changes, answers Unavailable, which
/// the autoscaler retries. Pricing and per-group options are optional upstream and not served.
/// </summary>
public sealed partial class CloudProviderService(
    PowerEngineLoop loop, NodeGroupActions actions, RemotePower remote, string chassisId, ILogger<CloudProviderService> logger)
    : CloudProvider.CloudProviderBase
{
    private static readonly TimeSpan LoopTimeout = TimeSpan.FromSeconds(5);

    public override Task<NodeGroupsResponse> NodeGroups(NodeGroupsRequest request, ServerCallContext context)
    {
        LogCall(nameof(NodeGroups), "");
        return Task.FromResult(actions.NodeGroups());
    }

    public override async Task<NodeGroupForNodeResponse> NodeGroupForNode(NodeGroupForNodeRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        LogCall(nameof(NodeGroupForNode), request.Node?.Name ?? "");
        return new NodeGroupForNodeResponse { NodeGroup = await OnLoopAsync(e => actions.ForNode(e, request.Node), context) };
    }

    public override Task<PricingNodePriceResponse> PricingNodePrice(PricingNodePriceRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "PiChassis has no pricing: a node costs its energy"));

    public override Task<PricingPodPriceResponse> PricingPodPrice(PricingPodPriceRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "PiChassis has no pricing: a node costs its energy"));

    /// <summary>No GPUs: an empty label, which the autoscaler caches (an error it would ask again for every time).</summary>
    public override Task<GPULabelResponse> GPULabel(GPULabelRequest request, ServerCallContext context) =>
        Task.FromResult(new GPULabelResponse { Label = "" });

    public override Task<GetAvailableGPUTypesResponse> GetAvailableGPUTypes(GetAvailableGPUTypesRequest request, ServerCallContext context) =>
        Task.FromResult(new GetAvailableGPUTypesResponse());

    /// <summary>Nothing to release: the service holds no per-client state.</summary>
    public override Task<CleanupResponse> Cleanup(CleanupRequest request, ServerCallContext context)
    {
        LogCall(nameof(Cleanup), "");
        return Task.FromResult(new CleanupResponse());
    }

    /// <summary>Nothing to reload: every answer is read from the engine when asked, and the groups are configuration.</summary>
    public override Task<RefreshResponse> Refresh(RefreshRequest request, ServerCallContext context) => Task.FromResult(new RefreshResponse());

    public override async Task<NodeGroupTargetSizeResponse> NodeGroupTargetSize(NodeGroupTargetSizeRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        LogCall(nameof(NodeGroupTargetSize), request.Id);
        var outcome = await OnLoopAsync(e => actions.TargetSize(e, request.Id), context);
        return new NodeGroupTargetSizeResponse { TargetSize = Unwrap(outcome) };
    }

    public override async Task<NodeGroupIncreaseSizeResponse> NodeGroupIncreaseSize(NodeGroupIncreaseSizeRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        LogChange(nameof(NodeGroupIncreaseSize), request.Id, request.Delta);
        await ApplyAsync(await ChangeAsync(e => actions.IncreaseSize(e, request.Id, request.Delta), context), "on", context);
        return new NodeGroupIncreaseSizeResponse();
    }

    public override async Task<NodeGroupDeleteNodesResponse> NodeGroupDeleteNodes(NodeGroupDeleteNodesRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        LogChange(nameof(NodeGroupDeleteNodes), request.Id, request.Nodes.Count);
        await ApplyAsync(await ChangeAsync(e => actions.DeleteNodes(e, request.Id, request.Nodes), context), "off", context);
        return new NodeGroupDeleteNodesResponse();
    }

    public override async Task<NodeGroupDecreaseTargetSizeResponse> NodeGroupDecreaseTargetSize(NodeGroupDecreaseTargetSizeRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        LogChange(nameof(NodeGroupDecreaseTargetSize), request.Id, request.Delta);
        Check(await ChangeAsync<Status>(e => actions.DecreaseTargetSize(e, request.Id, request.Delta), context));
        return new NodeGroupDecreaseTargetSizeResponse();
    }

    public override async Task<NodeGroupNodesResponse> NodeGroupNodes(NodeGroupNodesRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        LogCall(nameof(NodeGroupNodes), request.Id);
        return Unwrap(await OnLoopAsync(e => actions.Nodes(e, request.Id), context));
    }

    public override Task<NodeGroupTemplateNodeInfoResponse> NodeGroupTemplateNodeInfo(NodeGroupTemplateNodeInfoRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        LogCall(nameof(NodeGroupTemplateNodeInfo), request.Id);
        var group = Unwrap(actions.Group(request.Id));
        return Task.FromResult(new NodeGroupTemplateNodeInfoResponse { NodeBytes = ByteString.CopyFrom(NodeTemplate.Build(group.Options, chassisId)) });
    }

    /// <summary>The autoscaler's defaults (its command line) apply to every group.</summary>
    public override Task<NodeGroupAutoscalingOptionsResponse> NodeGroupGetOptions(NodeGroupAutoscalingOptionsRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "node groups use the autoscaler's own options"));

    private async Task<T> OnLoopAsync<T>(Func<PowerEngine, T> work, ServerCallContext context)
    {
        try
        {
            return await loop.RunAsync(work).WaitAsync(LoopTimeout, context.CancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, e.Message));
        }
    }

    /// <summary>
    /// The other chassis first, one request each in turn, then this chassis' part: a refusal there is the
    /// call's error and leaves this chassis untouched. A chassis that accepted before another refused keeps
    /// what it switched: the autoscaler reads the nodes again.
    /// </summary>
    private async Task ApplyAsync(GroupChange change, string state, ServerCallContext context)
    {
        Check(change.Status);
        foreach (var chassis in change.Remote.GroupBy(s => s.Chassis))
        {
            Check(await remote.SwitchAsync(chassis.Key, [.. chassis.Select(s => s.Node)], state, context.CancellationToken));
        }

        if (change.Local.Count > 0)
        {
            Check(await ChangeAsync(e => actions.Commit(e, change), context));
        }
    }

    private Task<T> ChangeAsync<T>(Func<PowerEngine, T> work, ServerCallContext context) => loop.StoreBehind
        ? throw new RpcException(new Status(StatusCode.Unavailable, "the store is behind: changes are refused until it catches up (protection goes on)"))
        : OnLoopAsync(work, context);

    private void Check(Status status)
    {
        if (status.StatusCode != StatusCode.OK)
        {
            LogRefused(status.StatusCode, status.Detail);
            throw new RpcException(status);
        }
    }

    private T Unwrap<T>(GroupOutcome<T> outcome)
    {
        Check(outcome.Status);
        return outcome.Value;
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Debug, Message = "Autoscaler call {Method} {Argument}")]
    private partial void LogCall(string method, string argument);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "Autoscaler call {Method} group {Group}: {Count}")]
    private partial void LogChange(string method, string group, int count);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Autoscaler request refused: {Code} {Detail}")]
    private partial void LogRefused(StatusCode code, string detail);
}
