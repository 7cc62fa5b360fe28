using System.Text.Json;
using System.Text.Json.Nodes;
using PiChassis.Shared.Json;
using PiChassis.Shared.Payloads;

namespace PiChassis.Tests.Shared.Json;

public class PiChassisJsonTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 9, 30, 0, 123, TimeSpan.FromHours(2));

    private static JsonObject Write<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) =>
        JsonNode.Parse(JsonSerializer.Serialize(value, info))!.AsObject();

    [Fact]
    public void SlotState_Serialized_SnakeCaseUtcMillisecondsAndNullFault()
    {
        var state = new SlotStatePayload(At, 3, "node03", "on", "on", "auto", false, null, At, 42);

        var json = JsonSerializer.Serialize(state, PiChassisJson.Wire.SlotStatePayload);

        Assert.Equal(
            """{"ts":"2026-11-28T07:30:00.123Z","slot":3,"node":"node03","power":"on","phase":"on","policy":"auto","locked":false,"fault":null,"since":"2026-11-28T07:30:00.123Z","relay_cycles":42}""",
            json);
    }

    [Fact]
    public void SlotState_WithFault_WritesCodeMessageAt()
    {
        var state = new SlotStatePayload(At, 3, "node03", "off", "fault", "manual", true, new FaultPayload("overcurrent", "3.4 A > 2.5 A for 120 ms", At), At, 1);

        var fault = Write(state, PiChassisJson.Wire.SlotStatePayload)["fault"]!.AsObject();

        Assert.Equal("overcurrent", (string?)fault["code"]);
        Assert.Equal("3.4 A > 2.5 A for 120 ms", (string?)fault["message"]);
        Assert.Equal("2026-11-28T07:30:00.123Z", (string?)fault["at"]);
    }

    [Fact]
    public void Times_WholeSecond_StillCarryMilliseconds()
    {
        var json = Write(new SlotTelemetryPayload(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), 1, 5, 1, 5, 0), PiChassisJson.Wire.SlotTelemetryPayload);

        Assert.Equal("2026-01-02T03:04:05.000Z", (string?)json["ts"]);
    }

    [Fact]
    public void ChassisTelemetry_NoFan_LeavesFanOutAndKeepsNullTemperatures()
    {
        var telemetry = new ChassisTelemetryPayload(At, 21.5, 5.02, 60, 30, 7, new Dictionary<string, double?> { ["inlet"] = 24.5, ["exhaust"] = null });

        var json = Write(telemetry, PiChassisJson.Wire.ChassisTelemetryPayload);

        Assert.False(json.ContainsKey("fan_duty_pct"));
        Assert.Equal(21.5, (double?)json["total_power_w"]);
        Assert.Equal(5.02, (double?)json["bus_voltage_v"]);
        Assert.Equal(60, (double?)json["psu_budget_w"]);
        Assert.Equal(30, (double?)json["headroom_w"]);
        Assert.Equal(7, (int?)json["slots_on"]);
        Assert.Equal(24.5, (double?)json["temperatures_c"]!["inlet"]);
        Assert.True(json["temperatures_c"]!.AsObject().ContainsKey("exhaust"));
    }

    [Fact]
    public void ChassisTelemetry_WithFan_WritesFanDuty()
    {
        var telemetry = new ChassisTelemetryPayload(At, 1, null, 60, 30, 0, new Dictionary<string, double?>(), FanDutyPct: 40);

        Assert.Equal(40, (double?)Write(telemetry, PiChassisJson.Wire.ChassisTelemetryPayload)["fan_duty_pct"]);
    }

    [Fact]
    public void ChassisTelemetry_StoreFailing_SaysSo()
    {
        var telemetry = new ChassisTelemetryPayload(At, 1, null, 60, 30, 0, new Dictionary<string, double?>(), Store: "failing");
        var noStore = new ChassisTelemetryPayload(At, 1, null, 60, 30, 0, new Dictionary<string, double?>());

        Assert.Equal("failing", (string?)Write(telemetry, PiChassisJson.Wire.ChassisTelemetryPayload)["store"]);
        Assert.False(Write(noStore, PiChassisJson.Wire.ChassisTelemetryPayload).ContainsKey("store"));
    }

    [Fact]
    public void Event_ChassisWide_WritesSlotNullAndDetail()
    {
        var payload = new EventPayload(1234, At, "fault_trip", null, "protection", new JsonObject { ["code"] = "overcurrent", ["current_a"] = 3.4 });

        var json = Write(payload, PiChassisJson.Wire.EventPayload);

        Assert.Equal(1234, (long?)json["seq"]);
        Assert.Equal("fault_trip", (string?)json["event_type"]);
        Assert.True(json.ContainsKey("slot"));
        Assert.Null(json["slot"]);
        Assert.Equal(3.4, (double?)json["detail"]!["current_a"]);
    }

    [Fact]
    public void Info_ConfiguredNodeOnlyWhenItDiffers()
    {
        var info = new InfoPayload(At, 1, "1.0.0", "sim", 60, [new InfoSlot(1, "node01", "auto"), new InfoSlot(2, "node42", "manual", "node02")], ["inlet"]);

        var slots = Write(info, PiChassisJson.Wire.InfoPayload)["slots"]!.AsArray();

        Assert.False(slots[0]!.AsObject().ContainsKey("configured_node"));
        Assert.Equal("node02", (string?)slots[1]!["configured_node"]);
    }

    [Fact]
    public void Response_Error_HasIdStatusAndErrorButNoResults()
    {
        var response = new ResponsePayload("7f3c", At, "error", Error: new ErrorPayload("unavailable", "later"));

        var json = Write(response, PiChassisJson.Wire.ResponsePayload);

        Assert.Equal("7f3c", (string?)json["id"]);
        Assert.Equal("unavailable", (string?)json["error"]!["code"]);
        Assert.False(json.ContainsKey("results"));
        Assert.False(json.ContainsKey("last_seq"));
    }

    [Fact]
    public void Response_TargetResults_WriteOnlyWhatIsSet()
    {
        var response = new ResponsePayload("1", At, "partial", [
            new TargetResult(3, "node03", true, "booting"),
            new TargetResult(4, "node04", false, Error: new ErrorPayload("budget_exceeded", "needs 7.5 W, 4.1 W left"))]);

        var results = Write(response, PiChassisJson.Wire.ResponsePayload)["results"]!.AsArray();

        Assert.Equal("""{"slot":3,"node":"node03","ok":true,"phase":"booting"}""", results[0]!.ToJsonString());
        Assert.Equal("budget_exceeded", (string?)results[1]!["error"]!["code"]);
    }

    [Fact]
    public void Request_AllFields_ReadFromSnakeCase()
    {
        var request = JsonSerializer.Deserialize(
            """{"id":"7f3c","targets":"node[03-04]","state":"on","wait":"ready","timeout_s":30.5,"source":"slurm","policy":"auto","nodes":3,"min_spare":1,"period":"today","since_seq":12,"limit":5,"extra":{"ignored":true}}""",
            PiChassisJson.Wire.RequestPayload)!;

        Assert.Equal("7f3c", request.Id);
        Assert.Equal("node[03-04]", request.Targets);
        Assert.Equal(30.5, request.TimeoutS);
        Assert.Equal(3, request.Nodes);
        Assert.Equal(1, request.MinSpare);
        Assert.Equal(12, request.SinceSeq);
        Assert.Equal(5, request.Limit);
        Assert.Equal("slurm", request.Source);
    }

    [Theory]
    [InlineData("""{"timeout_s":"30"}""")]
    [InlineData("""{"nodes":2.5}""")]
    [InlineData("""{"targets":5}""")]
    [InlineData("""{"since_seq":"1"}""")]
    public void Request_WrongTypes_Refused(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, PiChassisJson.Wire.RequestPayload));
    }

    [Fact]
    public void Heartbeat_RoundTrips_WithAgentFieldNames()
    {
        var beat = new HeartbeatPayload(At, 1234.5, 0.25, 48.2);

        var json = Write(beat, PiChassisJson.Wire.HeartbeatPayload);

        Assert.Equal(["ts", "uptime_s", "load1", "soc_temp_c"], json.Select(p => p.Key));
        Assert.Equal(beat with { Ts = At.ToUniversalTime() }, JsonSerializer.Deserialize(json.ToJsonString(), PiChassisJson.Wire.HeartbeatPayload));
    }

    [Fact]
    public void Wire_NonAscii_WrittenAsIs()
    {
        var json = JsonSerializer.Serialize(new ErrorPayload("x", "chassis at 61.0 °C, won't clear"), PiChassisJson.Wire.ErrorPayload);

        Assert.Contains("°C, won't", json, StringComparison.Ordinal);
    }
}
