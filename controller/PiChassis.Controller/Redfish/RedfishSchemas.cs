namespace PiChassis.Controller.Redfish;

/// <summary>
/// The schema versions the service claims in <c>@odata.type</c> (DMTF bundles of 2023 and later),
/// listed in <c>$metadata</c> and linked from each response's <c>Link</c> header.
/// </summary>
public static class RedfishSchemas
{
    public const string RedfishVersion = "1.18.0";
    public const string BaseRegistry = "Base.1.18.0";

    public const string ServiceRoot = "#ServiceRoot.v1_16_0.ServiceRoot";
    public const string ComputerSystemCollection = "#ComputerSystemCollection.ComputerSystemCollection";
    public const string ComputerSystem = "#ComputerSystem.v1_20_0.ComputerSystem";
    public const string ActionInfo = "#ActionInfo.v1_4_0.ActionInfo";
    public const string ChassisCollection = "#ChassisCollection.ChassisCollection";
    public const string Chassis = "#Chassis.v1_23_0.Chassis";
    public const string PowerSubsystem = "#PowerSubsystem.v1_1_3.PowerSubsystem";
    public const string PowerSupplyCollection = "#PowerSupplyCollection.PowerSupplyCollection";
    public const string PowerSupply = "#PowerSupply.v1_6_0.PowerSupply";
    public const string EnvironmentMetrics = "#EnvironmentMetrics.v1_3_2.EnvironmentMetrics";
    public const string SensorCollection = "#SensorCollection.SensorCollection";
    public const string Sensor = "#Sensor.v1_7_0.Sensor";

    // Deprecated by PowerSubsystem and ThermalSubsystem, so their last versions (no 2023 release exists); Kepler and older clients still read them.
    public const string Power = "#Power.v1_7_3.Power";
    public const string Thermal = "#Thermal.v1_7_3.Thermal";
    public const string ManagerCollection = "#ManagerCollection.ManagerCollection";
    public const string Manager = "#Manager.v1_19_0.Manager";
    public const string LogServiceCollection = "#LogServiceCollection.LogServiceCollection";
    public const string LogService = "#LogService.v1_5_0.LogService";
    public const string LogEntryCollection = "#LogEntryCollection.LogEntryCollection";
    public const string LogEntry = "#LogEntry.v1_15_0.LogEntry";
    public const string SessionService = "#SessionService.v1_1_9.SessionService";
    public const string SessionCollection = "#SessionCollection.SessionCollection";
    public const string Session = "#Session.v1_7_0.Session";
    public const string AccountService = "#AccountService.v1_13_0.AccountService";
    public const string ManagerAccountCollection = "#ManagerAccountCollection.ManagerAccountCollection";
    public const string ManagerAccount = "#ManagerAccount.v1_10_0.ManagerAccount";
    public const string RoleCollection = "#RoleCollection.RoleCollection";
    public const string Role = "#Role.v1_3_2.Role";
    public const string EventService = "#EventService.v1_10_0.EventService";
    public const string EventDestinationCollection = "#EventDestinationCollection.EventDestinationCollection";
    public const string Event = "#Event.v1_9_0.Event";

    /// <summary>The prefix of the MessageIds of the journal's events (<c>PiChassis.1.0.power_on</c>): the contract's event types, not a DMTF registry.</summary>
    public const string EventRegistry = "PiChassis.1.0";

    public static IReadOnlyList<string> All { get; } =
    [
        ServiceRoot, ComputerSystemCollection, ComputerSystem, ActionInfo,
        ChassisCollection, Chassis, PowerSubsystem, PowerSupplyCollection, PowerSupply, EnvironmentMetrics, SensorCollection, Sensor, Power, Thermal,
        ManagerCollection, Manager, LogServiceCollection, LogService, LogEntryCollection, LogEntry,
        SessionService, SessionCollection, Session, AccountService, ManagerAccountCollection, ManagerAccount, RoleCollection, Role,
        EventService, EventDestinationCollection, Event,
    ];

    /// <summary><c>#ComputerSystem.v1_20_0.ComputerSystem</c> → <c>ComputerSystem</c>.</summary>
    public static string Namespace(string type) => type[1..type.IndexOf('.', StringComparison.Ordinal)];

    /// <summary><c>#ComputerSystem.v1_20_0.ComputerSystem</c> → <c>ComputerSystem.v1_20_0</c> (a collection's type has no version: <c>ComputerSystemCollection</c>).</summary>
    public static string VersionedNamespace(string type) => type[1..type.LastIndexOf('.')];

    /// <summary>The DMTF JSON schema a resource of <paramref name="type"/> is described by, for the <c>Link</c> header.</summary>
    public static string SchemaUri(string type) => $"https://redfish.dmtf.org/schemas/v1/{VersionedNamespace(type)}.json";
}
