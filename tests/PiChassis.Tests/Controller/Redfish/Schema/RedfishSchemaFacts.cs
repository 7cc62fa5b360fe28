using K = PiChassis.Tests.Controller.Redfish.Schema.SchemaKind;
using Rule = PiChassis.Tests.Controller.Redfish.Schema.SchemaRule;

namespace PiChassis.Tests.Controller.Redfish.Schema;

/// <summary>
/// What the DMTF schema of each type the service claims defines, written out from the published
/// schema files (redfish.dmtf.org/schemas/v1/&lt;Namespace&gt;.v&lt;version&gt;.json): the properties the
/// service may carry, their kinds and enum values, and which are required. Only the properties the
/// service uses are listed with their constraints; a property of the schema left out here fails the
/// check as undefined until it is added from the schema, so a served property is always looked up.
/// </summary>
internal static class RedfishSchemaFacts
{
    public static readonly string[] States =
        ["Enabled", "Disabled", "StandbyOffline", "StandbySpare", "InTest", "Starting", "Absent", "UnavailableOffline", "Deferring", "Quiesced", "Updating", "Qualified", "Degraded"];

    public static readonly string[] Healths = ["OK", "Warning", "Critical"];

    public static readonly string[] ResetTypes =
        ["On", "ForceOff", "GracefulShutdown", "GracefulRestart", "ForceRestart", "Nmi", "ForceOn", "PushPowerButton", "PowerCycle", "Suspend", "Pause", "Resume", "FullPowerCycle"];

    public static readonly string[] Privileges =
    [
        "Login", "ConfigureManager", "ConfigureUsers", "ConfigureSelf", "ConfigureComponents", "NoAuth", "ConfigureCompositionInfrastructure",
        "AdministrateSystems", "OperateSystems", "AdministrateStorage", "OperateStorageBackup",
    ];

    /// <summary>The rules of each type, by its full <c>@odata.type</c> (the version is part of the claim).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<Rule>> ByType { get; } = new Dictionary<string, IReadOnlyList<Rule>>(StringComparer.Ordinal)
    {
        ["#ServiceRoot.v1_16_0.ServiceRoot"] =
        [
            .. Resource(),
            new("RedfishVersion", K.String), new("UUID", K.String, Nullable: true), new("Vendor", K.String, Nullable: true), new("Product", K.String, Nullable: true),
            Rule.Link("Systems"), Rule.Link("Chassis"), Rule.Link("Managers"), Rule.Link("SessionService"), Rule.Link("AccountService"),
            Rule.Link("EventService"),
            new("Links", K.Object, Required: true), Rule.Link("Links/Sessions", required: true),
        ],
        ["#ComputerSystem.v1_20_0.ComputerSystem"] =
        [
            .. Resource(), .. Status(),
            Rule.Enum("SystemType", "Physical", "Virtual", "OS", "PhysicallyPartitioned", "VirtuallyPartitioned", "Composed", "DPU"),
            new("HostName", K.String, Nullable: true), new("UUID", K.String, Nullable: true),
            new("PowerState", K.String, ["On", "Off", "PoweringOn", "PoweringOff", "Paused"], Nullable: true),
            new("LocationIndicatorActive", K.Boolean, Nullable: true),
            new("IndicatorLED", K.String, ["Unknown", "Lit", "Blinking", "Off"], Nullable: true),
            new("Boot", K.Object),
            new("Boot/BootSourceOverrideEnabled", K.String, ["Disabled", "Once", "Continuous"], Nullable: true),
            new("Boot/BootSourceOverrideTarget", K.String,
                ["None", "Pxe", "Floppy", "Cd", "Usb", "Hdd", "BiosSetup", "Utilities", "Diags", "UefiShell", "UefiTarget", "SDCard", "UefiHttp", "RemoteDrive", "UefiBootNext", "Recovery"],
                Nullable: true),
            new("Boot/BootSourceOverrideMode", K.String, ["Legacy", "UEFI"], Nullable: true),
            new("Links", K.Object), new("Links/Chassis", K.LinkArray), new("Links/ManagedBy", K.LinkArray),
            .. Action("#ComputerSystem.Reset"),
        ],
        ["#ActionInfo.v1_4_0.ActionInfo"] =
        [
            .. Resource(),
            new("Parameters", K.Array),
            new("Parameters[]/Name", K.String, Required: true),
            new("Parameters[]/Required", K.Boolean),
            new("Parameters[]/DataType", K.String, ["Boolean", "Number", "NumberArray", "String", "StringArray", "Object", "ObjectArray"], Nullable: true),
            new("Parameters[]/AllowableValues", K.StringArray),
        ],
        ["#SessionService.v1_1_9.SessionService"] =
        [
            .. Resource(), .. Status(), new("ServiceEnabled", K.Boolean, Nullable: true), new("SessionTimeout", K.Integer), Rule.Link("Sessions"),
        ],
        ["#Session.v1_7_0.Session"] =
        [
            .. Resource(), new("UserName", K.String, Nullable: true), new("Password", K.String, Nullable: true), new("CreatedTime", K.String),
            new("Context", K.String),
            Rule.Enum("SessionType", "HostConsole", "ManagerConsole", "IPMI", "KVMIP", "OEM", "Redfish", "VirtualMedia", "WebUI", "OutboundConnection"),
        ],
        ["#AccountService.v1_13_0.AccountService"] =
        [
            .. Resource(), .. Status(), new("ServiceEnabled", K.Boolean, Nullable: true),
            new("LocalAccountAuth", K.String, ["Enabled", "Disabled", "Fallback", "LocalFirst"]),
            new("AccountLockoutThreshold", K.Integer, Nullable: true), new("AccountLockoutDuration", K.Integer, Nullable: true),
            new("AccountLockoutCounterResetAfter", K.Integer), Rule.Link("Accounts"), Rule.Link("Roles"),
        ],
        ["#ManagerAccount.v1_10_0.ManagerAccount"] =
        [
            .. Resource(), new("UserName", K.String), new("Password", K.String, Nullable: true), new("RoleId", K.String),
            new("Enabled", K.Boolean), new("Locked", K.Boolean),
            Rule.EnumArray("AccountTypes", "Redfish", "SNMP", "OEM", "HostConsole", "ManagerConsole", "IPMI", "KVMIP", "VirtualMedia", "WebUI"),
            new("Links", K.Object), Rule.Link("Links/Role"),
        ],
        ["#Role.v1_3_2.Role"] =
        [
            .. Resource(), new("RoleId", K.String), new("IsPredefined", K.Boolean),
            Rule.EnumArray("AssignedPrivileges", Privileges), new("OemPrivileges", K.StringArray),
        ],
        ["#Chassis.v1_23_0.Chassis"] =
        [
            .. Resource(), .. Status(),
            new("ChassisType", K.String,
                ["Rack", "Blade", "Enclosure", "StandAlone", "RackMount", "Card", "Cartridge", "Row", "Pod", "Expansion", "Sidecar", "Zone", "Sled", "Shelf",
                 "Drawer", "Module", "Component", "IPBasedDrive", "RackGroup", "StorageEnclosure", "ImmersionTank", "HeatExchanger", "PowerStrip", "Other"],
                Required: true),
            new("UUID", K.String, Nullable: true), new("PowerState", K.String, ["On", "Off", "PoweringOn", "PoweringOff"], Nullable: true),
            Rule.Link("EnvironmentMetrics"), Rule.Link("Sensors"), Rule.Link("Power"), Rule.Link("Thermal"), Rule.Link("PowerSubsystem"),
            new("Links", K.Object), new("Links/Contains", K.LinkArray), Rule.Link("Links/ContainedBy"), new("Links/ComputerSystems", K.LinkArray),
            new("Links/ManagedBy", K.LinkArray),
        ],
        ["#Power.v1_7_3.Power"] =
        [
            .. Resource(),
            new("PowerControl", K.Array), .. Member("PowerControl"), new("PowerControl[]/PowerConsumedWatts", K.Number, Nullable: true),
            new("PowerControl[]/PowerCapacityWatts", K.Number, Nullable: true), new("PowerControl[]/PowerLimit", K.Object),
            new("PowerControl[]/PowerLimit/LimitInWatts", K.Number, Nullable: true),
            new("PowerControl[]/PowerLimit/LimitException", K.String, ["NoAction", "HardPowerOff", "LogEventOnly", "Oem"], Nullable: true),
            new("Voltages", K.Array), .. Member("Voltages"), new("Voltages[]/ReadingVolts", K.Number, Nullable: true), PhysicalContext("Voltages[]/PhysicalContext"),
            new("PowerSupplies", K.Array), .. Member("PowerSupplies"), new("PowerSupplies[]/PowerCapacityWatts", K.Number, Nullable: true),
        ],
        ["#Thermal.v1_7_3.Thermal"] =
        [
            .. Resource(),
            new("Temperatures", K.Array), .. Member("Temperatures"), new("Temperatures[]/ReadingCelsius", K.Number, Nullable: true),
            PhysicalContext("Temperatures[]/PhysicalContext"), .. Status("Temperatures[]/Status"),
            new("Fans", K.Array), .. Member("Fans"), new("Fans[]/Reading", K.Integer, Nullable: true),
            new("Fans[]/ReadingUnits", K.String, ["RPM", "Percent"], Nullable: true), .. Status("Fans[]/Status"),
        ],
        ["#PowerSubsystem.v1_1_3.PowerSubsystem"] =
        [
            .. Resource(), .. Status(), new("CapacityWatts", K.Number, Nullable: true), new("Allocation", K.Object),
            new("Allocation/AllocatedWatts", K.Number, Nullable: true), new("Allocation/RequestedWatts", K.Number, Nullable: true), Rule.Link("PowerSupplies"),
        ],
        ["#PowerSupply.v1_6_0.PowerSupply"] = [.. Resource(), .. Status(), new("PowerCapacityWatts", K.Number, Nullable: true)],
        ["#EnvironmentMetrics.v1_3_2.EnvironmentMetrics"] =
        [
            .. Resource(), .. Excerpt("PowerWatts"), .. Excerpt("EnergykWh"), .. Excerpt("TemperatureCelsius"),
            new("FanSpeedsPercent", K.Array), new("FanSpeedsPercent[]/DataSourceUri", K.String, Nullable: true),
            new("FanSpeedsPercent[]/Reading", K.Number, Nullable: true), new("FanSpeedsPercent[]/DeviceName", K.String, Nullable: true),
        ],
        ["#Sensor.v1_7_0.Sensor"] =
        [
            .. Resource(), .. Status(), new("Reading", K.Number, Nullable: true), new("ReadingUnits", K.String, Nullable: true),
            new("ReadingType", K.String,
                ["Temperature", "Humidity", "Power", "EnergykWh", "EnergyJoules", "EnergyWh", "ChargeAh", "Voltage", "Current", "Frequency", "Pressure",
                 "PressurekPa", "PressurePa", "LiquidLevel", "Rotational", "AirFlow", "AirFlowCMM", "LiquidFlow", "LiquidFlowLPM", "Barometric", "Altitude",
                 "Percent", "AbsoluteHumidity", "Heat"],
                Nullable: true),
            PhysicalContext("PhysicalContext"),
        ],
        ["#Manager.v1_19_0.Manager"] =
        [
            .. Resource(), .. Status(),
            new("ManagerType", K.String, ["ManagementController", "EnclosureManager", "BMC", "RackManager", "AuxiliaryController", "Service", "FabricManager"]),
            new("UUID", K.String, Nullable: true), new("FirmwareVersion", K.String, Nullable: true), new("DateTime", K.String, Nullable: true),
            new("DateTimeLocalOffset", K.String, Nullable: true), new("PowerState", K.String, ["On", "Off", "PoweringOn", "PoweringOff"], Nullable: true),
            Rule.Link("LogServices"),
            new("Links", K.Object), new("Links/ManagerForChassis", K.LinkArray), new("Links/ManagerForServers", K.LinkArray), Rule.Link("Links/ManagerInChassis"),
        ],
        ["#LogService.v1_5_0.LogService"] =
        [
            .. Resource(), .. Status(), new("ServiceEnabled", K.Boolean, Nullable: true),
            new("LogEntryType", K.String, ["Event", "SEL", "Multiple", "OEM", "CXL"], Nullable: true),
            new("OverWritePolicy", K.String, ["Unknown", "WrapsWhenFull", "NeverOverWrites"]),
            new("DateTime", K.String, Nullable: true), new("DateTimeLocalOffset", K.String, Nullable: true), Rule.Link("Entries"),
        ],
        ["#LogEntry.v1_15_0.LogEntry"] = LogEntry(""),
        ["#EventService.v1_10_0.EventService"] =
        [
            .. Resource(), .. Status(), new("ServiceEnabled", K.Boolean, Nullable: true), new("ServerSentEventUri", K.String),
            Rule.EnumArray("EventFormatTypes", "Event", "MetricReport"), new("RegistryPrefixes", K.StringArray), new("ResourceTypes", K.StringArray),
            new("DeliveryRetryAttempts", K.Integer), new("DeliveryRetryIntervalSeconds", K.Integer), new("SSEFilterPropertiesSupported", K.Object),
            .. new[] { "EventFormatType", "MessageId", "MetricReportDefinition", "OriginResource", "RegistryPrefix", "ResourceType", "SubordinateResources" }
                .Select(f => new Rule($"SSEFilterPropertiesSupported/{f}", K.Boolean)),
            Rule.Link("Subscriptions"), new("Actions", K.Object),
        ],
        ["#SensorCollection.SensorCollection"] = Collection(),
        ["#PowerSupplyCollection.PowerSupplyCollection"] = Collection(),
        ["#LogServiceCollection.LogServiceCollection"] = Collection(),
        // Its members come expanded, whole entries, as the schema's reference to LogEntry allows (and bmcweb does).
        ["#LogEntryCollection.LogEntryCollection"] =
            [.. Collection().Where(r => r.Path != "Members"), new("Members", K.Array, Required: true), .. LogEntry("Members[]/")],
        ["#EventDestinationCollection.EventDestinationCollection"] = Collection(),
        ["#ComputerSystemCollection.ComputerSystemCollection"] = Collection(),
        ["#ChassisCollection.ChassisCollection"] = Collection(),
        ["#ManagerCollection.ManagerCollection"] = Collection(),
        ["#SessionCollection.SessionCollection"] = Collection(),
        ["#ManagerAccountCollection.ManagerAccountCollection"] = Collection(),
        ["#RoleCollection.RoleCollection"] = Collection(),
    };

    /// <summary>What every resource has: its identity, required by every DMTF resource schema.</summary>
    public static Rule[] Resource() =>
    [
        new("@odata.id", K.String, Required: true), new("@odata.type", K.String, Required: true), new("@odata.etag", K.String),
        new("Id", K.String, Required: true), new("Name", K.String, Required: true), new("Description", K.String, Nullable: true), new("Oem", K.Object),
    ];

    /// <summary>The members of a collection, required by every DMTF collection schema.</summary>
    public static Rule[] Collection() =>
    [
        new("@odata.id", K.String, Required: true), new("@odata.type", K.String, Required: true), new("Name", K.String, Required: true),
        new("Description", K.String, Nullable: true), new("Members", K.LinkArray, Required: true), new("Members@odata.count", K.Integer, Required: true),
        new("Members@odata.nextLink", K.String), new("Oem", K.Object),
    ];

    /// <summary>The common <c>Status</c> object.</summary>
    public static Rule[] Status() =>
    [
        new("Status", K.Object), new("Status/State", K.String, States, Nullable: true), new("Status/Health", K.String, Healths, Nullable: true),
        new("Status/HealthRollup", K.String, Healths, Nullable: true),
    ];

    /// <summary>A LogEntry's rules, below <paramref name="at"/> (a collection's expanded members).</summary>
    public static Rule[] LogEntry(string at) =>
    [
        .. Resource().Select(r => r with { Path = at + r.Path }),
        new($"{at}EntryType", K.String, ["Event", "SEL", "Oem", "CXL"], Required: true), new($"{at}Created", K.String),
        new($"{at}Severity", K.String, Healths, Nullable: true), new($"{at}Message", K.String, Nullable: true), new($"{at}MessageId", K.String),
        new($"{at}Links", K.Object), Rule.Link($"{at}Links/OriginOfCondition"),
    ];

    /// <summary>The <c>Status</c> object at <paramref name="at"/>, as in an array member.</summary>
    public static Rule[] Status(string at) =>
        [new(at, K.Object), new($"{at}/State", K.String, States, Nullable: true), new($"{at}/Health", K.String, Healths, Nullable: true)];

    /// <summary>What identifies a member of a deprecated resource's array: its own <c>@odata.id</c> (a fragment), <c>MemberId</c>, <c>Name</c>.</summary>
    public static Rule[] Member(string array) =>
    [
        new($"{array}[]/@odata.id", K.String, Required: true), new($"{array}[]/MemberId", K.String, Required: true),
        new($"{array}[]/Name", K.String, Nullable: true),
    ];

    /// <summary>A sensor excerpt (<c>SensorPowerExcerpt</c>, <c>SensorEnergykWhExcerpt</c>, …): the reading and the sensor it comes from.</summary>
    public static Rule[] Excerpt(string name) =>
        [new(name, K.Object), new($"{name}/DataSourceUri", K.String, Nullable: true), new($"{name}/Reading", K.Number, Nullable: true)];

    /// <summary>The physical context of a reading.</summary>
    public static Rule PhysicalContext(string path) => new(path, K.String,
    [
        "Room", "Intake", "Exhaust", "LiquidInlet", "LiquidOutlet", "Front", "Back", "Upper", "Lower", "CPU", "CPUSubsystem", "GPU", "GPUSubsystem", "FPGA",
        "Accelerator", "ASIC", "Backplane", "SystemBoard", "PowerSupply", "PowerSubsystem", "VoltageRegulator", "Rectifier", "StorageDevice", "NetworkingDevice",
        "ComputeBay", "StorageBay", "NetworkBay", "ExpansionBay", "PowerSupplyBay", "Memory", "MemorySubsystem", "Chassis", "Fan", "CoolingSubsystem",
        "Motor", "Transformer", "ACUtilityInput", "ACStaticBypassInput", "ACMaintenanceBypassInput", "DCBus", "ACOutput", "ACInput", "TrustedModule",
        "Board", "Transceiver", "Battery", "Pump", "Filter", "Reservoir", "Switch", "Manager",
    ], Nullable: true);

    /// <summary>An action in <c>Actions</c>: its <c>target</c> URI and <c>title</c> (annotations such as its allowable values are always allowed).</summary>
    public static Rule[] Action(string name) =>
    [
        new("Actions", K.Object), new($"Actions/{name}", K.Object), new($"Actions/{name}/target", K.String), new($"Actions/{name}/title", K.String),
    ];
}
