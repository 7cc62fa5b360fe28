using System.Text;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Mqtt;

namespace PiChassis.Tests.Controller.Mqtt;

public class RequestParserTests
{
    private static (ParsedRequest? Request, RequestRejection? Rejection) Parse(string verb, string json)
    {
        RequestParser.TryParse(verb, Encoding.UTF8.GetBytes(json), out var request, out var rejection);
        return (request, rejection);
    }

    [Fact]
    public void TryParse_PowerOn_ReadsEveryField()
    {
        var (request, _) = Parse("power", """{"id":"7f3c","targets":"node[03-04]","state":"ON","wait":"ready","timeout_s":30,"source":"slurm","x":1}""");

        Assert.NotNull(request);
        Assert.Equal("7f3c", request.Id);
        Assert.Equal(["node03", "node04"], request.Targets.Nodes);
        Assert.Equal(SlotAction.On, request.Action);
        Assert.Equal(WaitMode.Ready, request.Wait);
        Assert.Equal(TimeSpan.FromSeconds(30), request.Timeout);
        Assert.Equal("slurm", request.Source);
    }

    [Fact]
    public void TryParse_IdentityConfirm_ReadsTheAction()
    {
        var (request, _) = Parse("identity", """{"id":"i1","targets":"slot:3","action":"Confirm"}""");

        Assert.NotNull(request);
        Assert.Equal("confirm", request.IdentityAction);
        Assert.Equal([3], request.Targets.Slots);
    }

    [Fact]
    public void TryParse_CapacityAt_ReadsTheSchedule()
    {
        var (request, _) = Parse("capacity", """{"id":"c1","nodes":6,"min_spare":1,"at":"2026-12-03T02:00:00.000Z","until":"2026-12-03T04:00:00Z"}""");

        Assert.NotNull(request);
        Assert.Equal("set", request.CapacityAction);
        Assert.Equal((6, 1), (request.Nodes, request.MinSpare));
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 2, 0, 0, TimeSpan.Zero), request.At);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 4, 0, 0, TimeSpan.Zero), request.Until);
    }

    [Fact]
    public void TryParse_CapacityListAndCancel_NeedNoNodes()
    {
        var (list, _) = Parse("capacity", """{"id":"c2","action":"LIST"}""");
        var (cancel, _) = Parse("capacity", """{"id":"c3","action":"cancel","schedule_id":"4f2a"}""");

        Assert.Equal("list", list?.CapacityAction);
        Assert.Equal(("cancel", "4f2a"), (cancel?.CapacityAction, cancel?.ScheduleId));
    }

    [Theory]
    [InlineData("""{"id":"i2","targets":"slot:3"}""", "\"action\" is missing; it is one of confirm, reject")]
    [InlineData("""{"id":"i3","targets":"slot:3","action":"adopt"}""", "\"action\" 'adopt' is not one of confirm, reject")]
    [InlineData("""{"id":"i4","action":"reject"}""", "\"targets\" is missing")]
    public void TryParse_IdentityWithoutAGoodActionOrTargets_Rejected(string json, string message)
    {
        var (request, rejection) = Parse("identity", json);

        Assert.Null(request);
        Assert.Equal(message, rejection!.Message);
    }

    [Fact]
    public void TryParse_IdOfBrokenUtf8_RejectedWithoutId()
    {
        byte[] payload = [.. "{\"id\":\""u8, 0xC6, .. "\",\"targets\":\"all\"}"u8];

        Assert.False(RequestParser.TryParse("status", payload, out _, out var rejection));
        Assert.Null(rejection.Id);
        Assert.Contains("UTF-8", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_IdOfEscapedLoneSurrogate_RejectedWithoutId()
    {
        var (request, rejection) = Parse("status", """{"id":"\ud800"}""");

        Assert.Null(request);
        Assert.Null(rejection!.Id);
    }

    [Fact]
    public void TryParse_Defaults_RelayWaitTwoMinutesSourceMqtt()
    {
        var (request, _) = Parse("cycle", """{"id":"1","targets":"slot:2"}""");

        Assert.Equal(SlotAction.Cycle, request!.Action);
        Assert.Equal(WaitMode.Relay, request.Wait);
        Assert.Equal(RequestParser.DefaultTimeout, request.Timeout);
        Assert.Equal("mqtt", request.Source);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("energy")]
    public void TryParse_ReadVerbsWithoutTargets_MeanAll(string verb)
    {
        Assert.True(Parse(verb, """{"id":"1"}""").Request!.Targets.All);
    }

    [Theory]
    [InlineData("policy", """{"id":"1","targets":"all","policy":"always_on"}""", SlotAction.SetPolicy)]
    [InlineData("clear_fault", """{"id":"1","targets":"all"}""", SlotAction.ClearFault)]
    [InlineData("identify", """{"id":"1","targets":"all"}""", SlotAction.Identify)]
    [InlineData("lock", """{"id":"1","targets":"all"}""", SlotAction.Lock)]
    [InlineData("unlock", """{"id":"1","targets":"all"}""", SlotAction.Unlock)]
    [InlineData("restart", """{"id":"1","targets":"all"}""", SlotAction.Restart)]
    [InlineData("power", """{"id":"1","targets":"all","state":"force_off"}""", SlotAction.ForceOff)]
    public void TryParse_SlotVerbs_MapToActions(string verb, string json, SlotAction action)
    {
        Assert.Equal(action, Parse(verb, json).Request!.Action);
    }

    [Fact]
    public void TryParse_Events_ReadsSinceAndLimit()
    {
        var request = Parse("events", """{"id":"1","since_seq":40,"limit":1000}""").Request!;

        Assert.Equal(40, request.SinceSeq);
        Assert.Equal(1000, request.Limit);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("\"id\"")]
    [InlineData("{}")]
    [InlineData("""{"id":42,"targets":"all"}""")]
    [InlineData("""{"id":"","targets":"all"}""")]
    [InlineData("""{"id":null}""")]
    [InlineData("{\"id\":\"1\"")]
    public void TryParse_NoReadableId_RejectedWithoutId(string json)
    {
        var (request, rejection) = Parse("power", json);

        Assert.Null(request);
        Assert.NotNull(rejection);
        Assert.Null(rejection.Id);
    }

    [Fact]
    public void TryParse_DeeplyNested_RejectedWithoutId()
    {
        var json = "{\"id\":\"1\",\"x\":" + new string('[', 100) + new string(']', 100) + "}";

        Assert.Null(Parse("status", json).Rejection!.Id);
    }

    [Theory]
    [InlineData("power", """{"id":"a","targets":"all"}""", "\"state\" is missing")]
    [InlineData("power", """{"id":"a","targets":"all","state":"on","state":"force_off"}""", "\"state\" is given twice")]
    [InlineData("policy", """{"id":"a","targets":"slot:1","targets":"all","policy":"off"}""", "\"targets\" is given twice")]
    [InlineData("power", """{"id":"a","targets":"all","state":"maybe"}""", "'maybe' is not one of")]
    [InlineData("power", """{"id":"a","targets":"all","state":1}""", "\"state\" has the wrong type")]
    [InlineData("power", """{"id":"a","targets":"all","state":"on","wait":"soon"}""", "\"wait\"")]
    [InlineData("power", """{"id":"a","targets":"all","state":"on","timeout_s":"30"}""", "\"timeout_s\" has the wrong type")]
    [InlineData("power", """{"id":"a","targets":"all","state":"on","timeout_s":0}""", "\"timeout_s\" must be")]
    [InlineData("power", """{"id":"a","targets":"all","state":"on","timeout_s":99999}""", "\"timeout_s\" must be")]
    [InlineData("power", """{"id":"a","state":"on"}""", "\"targets\" is missing")]
    [InlineData("power", """{"id":"a","targets":"node[01-","state":"on"}""", "bracket open")]
    [InlineData("power", """{"id":"a","targets":5,"state":"on"}""", "\"targets\" has the wrong type")]
    [InlineData("power", """{"id":"a","targets":"all","state":"on","source":"a-source-that-is-longer-than-32-chars"}""", "\"source\"")]
    [InlineData("frobnicate", """{"id":"a"}""", "unknown verb 'frobnicate'")]
    [InlineData("policy", """{"id":"a","targets":"all","policy":"sometimes"}""", "\"policy\"")]
    [InlineData("capacity", """{"id":"a"}""", "\"nodes\"")]
    [InlineData("capacity", """{"id":"a","nodes":-1}""", "\"nodes\"")]
    [InlineData("capacity", """{"id":"a","nodes":2,"min_spare":-1}""", "\"min_spare\"")]
    [InlineData("capacity", """{"id":"a","nodes":2,"at":"tomorrow"}""", "\"at\" has the wrong type")]
    [InlineData("capacity", """{"id":"a","nodes":2,"until":"2026-12-03T02:00:00.000Z"}""", "\"until\" goes with \"at\" only")]
    [InlineData("capacity", """{"id":"a","nodes":2,"action":"replace"}""", "\"action\" 'replace' is not one of set, list, cancel")]
    [InlineData("capacity", """{"id":"a","action":"cancel"}""", "\"schedule_id\" must be 1 to 64 characters")]
    [InlineData("energy", """{"id":"a","period":"week"}""", "\"period\"")]
    [InlineData("events", """{"id":"a","limit":1001}""", "\"limit\"")]
    [InlineData("events", """{"id":"a","limit":0}""", "\"limit\"")]
    [InlineData("events", """{"id":"a","since_seq":-5}""", "\"since_seq\"")]
    public void TryParse_BadFields_RejectedWithTheId(string verb, string json, string reason)
    {
        var (request, rejection) = Parse(verb, json);

        Assert.Null(request);
        Assert.Equal("a", rejection!.Id);
        Assert.Contains(reason, rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_IdLongerThan64_AnsweredWithTheIdItSent()
    {
        var id = new string('x', 65);

        var rejection = Parse("status", $$"""{"id":"{{id}}"}""").Rejection!;

        Assert.Equal(id, rejection.Id);
        Assert.Contains("more than 64", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Oversize_AnsweredWhenTheIdCanBeRead()
    {
        var json = $$"""{"id":"big","targets":"all","state":"on","pad":"{{new string('x', 9000)}}"}""";

        var rejection = Parse("power", json).Rejection!;

        Assert.Equal("big", rejection.Id);
        Assert.Contains("more than 8192", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_OversizeGarbage_RejectedWithoutId()
    {
        var rejection = Parse("power", new string('x', 9000)).Rejection!;

        Assert.Null(rejection.Id);
        Assert.Contains("more than 8192", rejection.Message, StringComparison.Ordinal);
    }
}
