using Grpc.Core;
using Grpc.Core.Interceptors;
using PiChassis.Controller.Mqtt;

namespace PiChassis.Controller.Autoscaler;

/// <summary>
/// A flood guard per client: its certificate (the thumbprint), or on loopback plaintext its address.
/// Beyond its share a call is answered ResourceExhausted before it reaches the engine loop.
/// </summary>
public sealed class AutoscalerRateLimit(KeyedRateLimits limits) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        var connection = context.GetHttpContext().Connection;
        var client = connection.ClientCertificate?.Thumbprint ?? connection.RemoteIpAddress?.ToString() ?? "unknown";
        return limits.TryTake(client)
            ? continuation(request, context)
            : throw new RpcException(new Status(StatusCode.ResourceExhausted, "too many calls from this client: slow down"));
    }
}
