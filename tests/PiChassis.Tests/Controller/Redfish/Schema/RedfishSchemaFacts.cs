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

    /// <summary>An action in <c>Actions</c>: its <c>target</c> URI and <c>title</c> (annotations such as its allowable values are always allowed).</summary>
    public static Rule[] Action(string name) =>
    [
        new("Actions", K.Object), new($"Actions/{name}", K.Object), new($"Actions/{name}/target", K.String), new($"Actions/{name}/title", K.String),
    ];
}
