using System.Text;
using System.Text.Json;
using CsCheck;
using PiChassis.Controller.Mqtt;
using PiChassis.Shared.Json;
using PiChassis.Shared.Mqtt;
using PiChassis.Shared.Payloads;

namespace PiChassis.Tests.Reliability;

/// <summary>Properties of the request decoder: any bytes give a request or a rejection, never an exception; encoded requests decode to what was sent.</summary>
[Trait("Category", "Reliability")]
public sealed class RequestParserPropertyTests
{
    private static readonly Gen<string> Verb = Gen.OneOf(Gen.OneOf([.. RequestVerbs.All]), Gen.String[0, 12]);

    [Fact]
    public void TryParse_AnyBytes_RequestOrRejectionNeverThrows()
    {
        Gen.Select(Verb, Gen.Byte.Array[0, 300]).Sample((verb, payload) =>
        {
            var parsed = RequestParser.TryParse(verb, payload, out var request, out var rejection);
            Assert.True(parsed ? request is not null : rejection is not null);
        }, iter: 20_000);
    }

    [Fact]
    public void TryParse_AnyJsonText_RequestOrRejectionNeverThrows()
    {
        var value = Gen.OneOf(Gen.String.Select(s => JsonSerializer.Serialize(s)), Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "1e999"),
            Gen.OneOf<string>("null", "true", "[]", "{}", "\"\\ud800\"", "\"\\udc00x\""));
        var field = Gen.OneOf<string>("id", "targets", "source", "state", "wait", "timeout_s", "policy", "nodes", "min_spare", "period", "since_seq", "limit");
        var document = Gen.Select(field, value).Array[0, 8].Select(f => "{" + string.Join(",", f.Select(p => $"\"{p.Item1}\":{p.Item2}")) + "}");
        Gen.Select(Verb, document).Sample((verb, json) =>
        {
            var parsed = RequestParser.TryParse(verb, Encoding.UTF8.GetBytes(json), out var request, out var rejection);
            Assert.True(parsed ? request is not null : rejection is not null);
        }, iter: 20_000);
    }

    [Fact]
    public void TryParse_EncodedEventsRequest_DecodesIdSinceAndLimit()
    {
        Gen.Select(Gen.Char["abcdef0123456789-"].Array[1, 64].Select(a => new string(a)), Gen.Long[0, long.MaxValue], Gen.Int[1, RequestParser.MaxEventLimit])
            .Sample((id, since, limit) =>
            {
                var payload = JsonSerializer.SerializeToUtf8Bytes(new RequestPayload { Id = id, SinceSeq = since, Limit = limit }, PiChassisJson.Wire.RequestPayload);

                Assert.True(RequestParser.TryParse(RequestVerbs.Events, payload, out var request, out var rejection), rejection?.Message);
                Assert.Equal((id, since, limit), (request.Id, request.SinceSeq, request.Limit));
            });
    }
}
