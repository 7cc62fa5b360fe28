using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;

namespace PiChassis.Controller.Redfish;

/// <summary>
/// <c>AccountService</c>, read-only: the accounts come from the configuration (changed by editing it),
/// and Redfish's three standard roles. Everyone sees their own account; an Administrator sees all.
/// </summary>
public sealed class AccountEndpoints(RedfishAccounts accounts, IOptions<RedfishOptions> options)
{
    private static readonly Dictionary<RedfishRole, string[]> Privileges = new()
    {
        [RedfishRole.Administrator] = ["Login", "ConfigureManager", "ConfigureUsers", "ConfigureSelf", "ConfigureComponents"],
        [RedfishRole.Operator] = ["Login", "ConfigureSelf", "ConfigureComponents"],
        [RedfishRole.ReadOnly] = ["Login", "ConfigureSelf"],
    };

    private readonly RedfishOptions _options = options.Value;

    public void Map(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapMethods(RedfishPaths.AccountService, RedfishServer.ReadMethods, context => RedfishResponse.WriteAsync(context, Service()));
        app.MapMethods(RedfishPaths.Accounts, RedfishServer.ReadMethods, ListAccountsAsync);
        app.MapMethods($"{RedfishPaths.Accounts}/{{id}}", RedfishServer.ReadMethods, GetAccountAsync);
        app.MapMethods(RedfishPaths.Roles, RedfishServer.ReadMethods, context => RedfishResponse.WriteAsync(context,
            CollectionResource.Build(RedfishPaths.Roles, RedfishSchemas.RoleCollection, "Role Collection", Privileges.Keys.Select(RoleUri))));
        app.MapMethods($"{RedfishPaths.Roles}/{{id}}", RedfishServer.ReadMethods, GetRoleAsync);
    }

    private JsonObject Service() => new()
    {
        ["@odata.id"] = RedfishPaths.AccountService,
        ["@odata.type"] = RedfishSchemas.AccountService,
        ["Id"] = "AccountService",
        ["Name"] = "Account Service",
        ["ServiceEnabled"] = true,
        ["LocalAccountAuth"] = "Enabled",
        ["AccountLockoutThreshold"] = _options.LockoutAttempts,
        ["AccountLockoutDuration"] = (int)_options.LockoutDuration.TotalSeconds,
        ["AccountLockoutCounterResetAfter"] = (int)_options.LockoutDuration.TotalSeconds,
        ["Status"] = new JsonObject { ["State"] = "Enabled", ["Health"] = "OK" },
        ["Accounts"] = ServiceEndpoints.Link(RedfishPaths.Accounts),
        ["Roles"] = ServiceEndpoints.Link(RedfishPaths.Roles),
    };

    private Task ListAccountsAsync(HttpContext context)
    {
        var caller = RedfishGate.Caller(context);
        var visible = accounts.All.Where(a => caller.CanConfigureManager || a.UserName == caller.UserName).Select(a => AccountUri(a.UserName));
        return RedfishResponse.WriteAsync(context, CollectionResource.Build(RedfishPaths.Accounts, RedfishSchemas.ManagerAccountCollection, "Accounts Collection", visible));
    }

    private Task GetAccountAsync(HttpContext context)
    {
        var caller = RedfishGate.Caller(context);
        var id = context.Request.RouteValues["id"] as string ?? "";
        if ((!caller.CanConfigureManager && id != caller.UserName) || accounts.RoleOf(id) is not { } role)
        {
            return RedfishResponse.ErrorAsync(context, StatusCodes.Status404NotFound, RedfishMessage.ResourceNotFound("ManagerAccount", id));
        }

        return RedfishResponse.WriteAsync(context, new JsonObject
        {
            ["@odata.id"] = AccountUri(id),
            ["@odata.type"] = RedfishSchemas.ManagerAccount,
            ["Id"] = id,
            ["Name"] = "User Account",
            ["UserName"] = id,
            ["Password"] = null,
            ["RoleId"] = $"{role}",
            ["Enabled"] = true,
            ["Locked"] = accounts.IsLockedOut(id),
            ["AccountTypes"] = SystemResource.Values(["Redfish"]),
            ["Links"] = new JsonObject { ["Role"] = ServiceEndpoints.Link(RoleUri(role)) },
        });
    }

    private static Task GetRoleAsync(HttpContext context)
    {
        var id = context.Request.RouteValues["id"] as string ?? "";
        if (!Enum.TryParse<RedfishRole>(id, ignoreCase: false, out var role) || !Privileges.TryGetValue(role, out var privileges) || $"{role}" != id)
        {
            return RedfishResponse.ErrorAsync(context, StatusCodes.Status404NotFound, RedfishMessage.ResourceNotFound("Role", id));
        }

        return RedfishResponse.WriteAsync(context, new JsonObject
        {
            ["@odata.id"] = RoleUri(role),
            ["@odata.type"] = RedfishSchemas.Role,
            ["Id"] = id,
            ["Name"] = $"{id} role",
            ["RoleId"] = id,
            ["IsPredefined"] = true,
            ["AssignedPrivileges"] = SystemResource.Values(privileges),
        });
    }

    private static string AccountUri(string userName) => $"{RedfishPaths.Accounts}/{Uri.EscapeDataString(userName)}";

    private static string RoleUri(RedfishRole role) => $"{RedfishPaths.Roles}/{role}";
}
