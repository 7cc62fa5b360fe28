using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Mqtt;
using PiChassis.Shared.Json;
using PiChassis.Shared.Mqtt;
using PiChassis.Shared.Payloads;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Tests.Docs;

/// <summary>
/// docs/mqtt-api.md cannot drift from the code: every topic, verb, slot shortcut, error code, fault
/// code, event type and payload field is in both, or the test names what is missing where. In the
/// document, a section is the text under a heading, and the first column of each row of its table
/// is one value in backticks; the code side is read from the constants, the topic builders and the
/// JSON context.
/// </summary>
public partial class ContractDocumentTests
{
    private const string Document = "docs/mqtt-api.md";

    // Placeholder values the code accepts, written in the document as <chassis>, <n> and <node>.
    private const string ChassisPlaceholder = "zzchassiszz";
    private const int SlotPlaceholder = 987654;
    private const string NodePlaceholder = "zznodezz";

    /// <summary>String members of <see cref="Topics"/> that are not a topic of the contract (subscription filters, parts).</summary>
    private static readonly string[] NotTopics = [nameof(Topics.ChassisId), nameof(Topics.Base), nameof(Topics.SlotSetFilter), nameof(Topics.RequestFilter), nameof(Topics.OwnedRequestFilter)];

    private static readonly Dictionary<string, List<string>> Sections =
        ReadSections(File.ReadAllLines(Path.Combine(RepositoryPaths.Root, Document)));

    /// <summary>Each payload record and the heading of its fields table.</summary>
    public static TheoryData<Type, string> Payloads => new()
    {
        { typeof(InfoPayload), "Info" },
        { typeof(InfoSlot), "Info slot" },
        { typeof(ChassisTelemetryPayload), "Chassis telemetry" },
        { typeof(SlotStatePayload), "Slot state" },
        { typeof(FaultPayload), "Fault" },
        { typeof(SlotTelemetryPayload), "Slot telemetry" },
        { typeof(SlotSetPayload), "Slot set" },
        { typeof(RequestPayload), "Request" },
        { typeof(ResponsePayload), "Response" },
        { typeof(TargetResult), "Target result" },
        { typeof(ErrorPayload), "Error" },
        { typeof(CapacityPayload), "Capacity" },
        { typeof(SchedulePayload), "Schedule" },
        { typeof(ProfilePayload), "Profile" },
        { typeof(ForecastPayload), "Forecast" },
        { typeof(EventPayload), "Event" },
        { typeof(HeartbeatPayload), "Heartbeat" },
        { typeof(AnnouncePayload), "Announce" },
        { typeof(NodeCommandPayload), "Node command" },
    };

    [Fact]
    public void Topics_AreThoseTheCodeBuilds()
    {
        AssertSame("Topics", TopicBuilders().Select(b => Placeholders(b.Topic)));
    }

    [Fact]
    public void TopicBuilders_AreAllInThisTest()
    {
        var builders = typeof(Topics).GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => m is PropertyInfo { PropertyType: var p } && p == typeof(string)
                || m is MethodInfo { IsSpecialName: false, ReturnType: var r } && r == typeof(string))
            .Select(m => m.Name)
            .Except(NotTopics);

        Assert.Equal(builders.Order(StringComparer.Ordinal), TopicBuilders().Select(b => b.Builder).Where(n => n is not null).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Verbs_AreTheRequestVerbs() => AssertSame("Verbs", Constants(typeof(RequestVerbs)));

    [Fact]
    public void SlotShortcuts_AreTheWireShortcuts() => AssertSame("Slot shortcuts", WireValues.SlotShortcuts);

    [Fact]
    public void ErrorCodes_AreTheErrorCodes() => AssertSame("Error codes", Constants(typeof(ErrorCodes)));

    [Fact]
    public void FaultCodes_AreTheFaultCodes() => AssertSame("Fault codes", Constants(typeof(FaultCodes)));

    [Fact]
    public void EventTypes_AreEveryEventTypeRaised() => AssertSame("Event types", [.. Constants(typeof(EventTypes)), NodeIdentity.EventType]);

    [Theory]
    [MemberData(nameof(Payloads))]
    public void PayloadFields_AreTheJsonFields(Type payload, string heading)
    {
        var typeInfo = PiChassisJson.Default.GetTypeInfo(payload);
        Assert.True(typeInfo is not null, $"{payload.Name} is not in {nameof(PiChassisJson)}");
        AssertSame(heading, typeInfo.Properties.Select(p => p.Name));
    }

    [Fact]
    public void Payloads_CoverEveryPayloadRecord()
    {
        var records = typeof(InfoPayload).Assembly.GetExportedTypes().Where(t => t.Namespace == typeof(InfoPayload).Namespace);

        Assert.Equal(records.Select(t => t.Name).Order(StringComparer.Ordinal), Payloads.Select(row => ((Type)row[0]).Name).Order(StringComparer.Ordinal));
    }

    /// <summary>Every topic of the contract as the code builds it, with the <see cref="Topics"/> member that builds it (null for Home Assistant's).</summary>
    private static (string? Builder, string Topic)[] TopicBuilders()
    {
        var chassis = new Topics(ChassisPlaceholder);
        const string Prefix = HomeAssistantTopics.DefaultPrefix;
        return
        [
            (nameof(Topics.Status), chassis.Status),
            (nameof(Topics.Info), chassis.Info),
            (nameof(Topics.Telemetry), chassis.Telemetry),
            (nameof(Topics.Event), chassis.Event),
            (nameof(Topics.SlotState), chassis.SlotState(SlotPlaceholder)),
            (nameof(Topics.SlotTelemetry), chassis.SlotTelemetry(SlotPlaceholder)),
            (nameof(Topics.SlotEvent), chassis.SlotEvent(SlotPlaceholder)),
            (nameof(Topics.SlotSet), chassis.SlotSet(SlotPlaceholder)),
            (nameof(Topics.Request), chassis.Request("<verb>")),
            (nameof(Topics.Response), chassis.Response("<verb>")),
            (nameof(Topics.OwnedRequest), chassis.OwnedRequest("<client>", "<verb>")),
            (nameof(Topics.OwnedResponse), chassis.OwnedResponse("<client>", "<verb>")),
            (nameof(Topics.ClientReply), Topics.ClientReply("<client>", "<rest>")),
            (nameof(Topics.NodeHeartbeat), Topics.NodeHeartbeat(NodePlaceholder)),
            (nameof(Topics.NodeAnnounce), Topics.NodeAnnounce(NodePlaceholder)),
            (nameof(Topics.NodeStatus), Topics.NodeStatus(NodePlaceholder)),
            (nameof(Topics.NodeCommand), Topics.NodeCommand(NodePlaceholder)),
            (null, HomeAssistantTopics.Status(Prefix)),
            (null, HomeAssistantTopics.DeviceConfig(Prefix, HomeAssistantDiscovery.ChassisObjectId(chassis))),
            (null, HomeAssistantTopics.DeviceConfig(Prefix, HomeAssistantDiscovery.SlotObjectId(chassis, SlotPlaceholder))),
        ];
    }

    private static string Placeholders(string topic) => topic
        .Replace(ChassisPlaceholder, "<chassis>", StringComparison.Ordinal)
        .Replace(SlotPlaceholder.ToString(CultureInfo.InvariantCulture), "<n>", StringComparison.Ordinal)
        .Replace(NodePlaceholder, "<node>", StringComparison.Ordinal);

    /// <summary>The values of the public string constants of <paramref name="type"/>.</summary>
    private static IEnumerable<string> Constants(Type type) => type.GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!);

    private static void AssertSame(string heading, IEnumerable<string> inCode)
    {
        var code = inCode.ToHashSet(StringComparer.Ordinal);
        var document = FirstColumn(heading).ToHashSet(StringComparer.Ordinal);
        var notDocumented = code.Except(document).Order(StringComparer.Ordinal).ToList();
        var notInCode = document.Except(code).Order(StringComparer.Ordinal).ToList();
        Assert.True(notDocumented.Count == 0 && notInCode.Count == 0,
            $"{Document}, section \"{heading}\": in the code but not in the document: [{string.Join(", ", notDocumented)}]; " +
            $"in the document but not in the code: [{string.Join(", ", notInCode)}]");
    }

    /// <summary>The backticked first cell of each row of the table in section <paramref name="heading"/>.</summary>
    private static List<string> FirstColumn(string heading)
    {
        Assert.True(Sections.TryGetValue(heading, out var lines), $"{Document} has no section \"{heading}\"");
        var rows = lines.Where(l => l.StartsWith('|')).Skip(2).ToList(); // the header row and the |---| row
        Assert.True(rows.Count > 0, $"{Document}, section \"{heading}\": no table rows");
        return rows.Select(row =>
        {
            var cell = FirstCell().Match(row);
            Assert.True(cell.Success, $"{Document}, section \"{heading}\": the first cell of \"{row}\" is not one value in backticks");
            return cell.Groups[1].Value;
        }).ToList();
    }

    /// <summary>The lines under each heading (any level) up to the next; a '#' inside a code block is no heading.</summary>
    private static Dictionary<string, List<string>> ReadSections(string[] lines)
    {
        var sections = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        var inCode = false;
        foreach (var line in lines)
        {
            inCode ^= line.StartsWith("```", StringComparison.Ordinal);
            if (!inCode && Heading().Match(line) is { Success: true } heading)
            {
                current = [];
                sections.Add(heading.Groups[1].Value, current);
            }
            else
            {
                current?.Add(line);
            }
        }

        return sections;
    }

    [GeneratedRegex(@"^#+\s+(.+?)\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\|\s*`([^`]+)`\s*\|")]
    private static partial Regex FirstCell();
}
