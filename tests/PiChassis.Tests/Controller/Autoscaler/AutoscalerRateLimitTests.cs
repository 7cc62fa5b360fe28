using System.Net;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using PiChassis.Controller.Autoscaler;
using PiChassis.Controller.Mqtt;

namespace PiChassis.Tests.Controller.Autoscaler;

public class AutoscalerRateLimitTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Call_FloodFromOneClient_RefusedResourceExhaustedBeforeTheServiceWhileAnotherClientIsServed()
    {
        var limit = new AutoscalerRateLimit(new KeyedRateLimits(ratePerSecond: 1, burst: 3, capacity: 16, _time));
        var served = 0;
        Task<string> Service(string request, ServerCallContext context)
        {
            served++;
            return Task.FromResult(request);
        }

        for (var i = 0; i < 3; i++)
        {
            await limit.UnaryServerHandler("groups", Call("192.0.2.1"), Service);
        }

        var refused = await Assert.ThrowsAsync<RpcException>(() => limit.UnaryServerHandler("groups", Call("192.0.2.1"), Service));
        await limit.UnaryServerHandler("groups", Call("192.0.2.2"), Service);
        _time.Advance(TimeSpan.FromSeconds(1));
        await limit.UnaryServerHandler("groups", Call("192.0.2.1"), Service);

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Equal(5, served);
    }

    private static TestCall Call(string address)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(address);
        return new TestCall(http);
    }

    /// <summary>A call as Grpc.AspNetCore hands it over: its HttpContext in the user state, where GetHttpContext finds it.</summary>
    private sealed class TestCall(HttpContext http) : ServerCallContext
    {
        private readonly Dictionary<object, object> _state = new() { ["__HttpContext"] = http };

        protected override string MethodCore => "/clusterautoscaler.cloudprovider.v1.externalgrpc.CloudProvider/NodeGroups";

        protected override string HostCore => "127.0.0.1";

        protected override string PeerCore => "ipv4:" + http.Connection.RemoteIpAddress;

        protected override DateTime DeadlineCore => DateTime.MaxValue;

        protected override Metadata RequestHeadersCore => [];

        protected override CancellationToken CancellationTokenCore => CancellationToken.None;

        protected override Metadata ResponseTrailersCore => [];

        protected override Status StatusCore { get; set; }

        protected override WriteOptions? WriteOptionsCore { get; set; }

        protected override AuthContext AuthContextCore => new(null, []);

        protected override IDictionary<object, object> UserStateCore => _state;

        protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) => throw new NotSupportedException();

        protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
    }
}
