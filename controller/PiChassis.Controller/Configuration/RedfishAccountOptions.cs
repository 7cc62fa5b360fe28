namespace PiChassis.Controller.Configuration;

/// <summary>One Redfish login. Only a salted, slow hash of its password is kept (<c>pichassis-controller --hash-password</c> makes one).</summary>
public sealed class RedfishAccountOptions
{
    /// <summary>The login name, compared exactly (Redfish user names are case-sensitive).</summary>
    public string UserName { get; set; } = "";

    public RedfishRole Role { get; set; } = RedfishRole.ReadOnly;

    /// <summary><c>pbkdf2-sha256$&lt;iterations&gt;$&lt;salt base64&gt;$&lt;hash base64&gt;</c>.</summary>
    public string PasswordHash { get; set; } = "";
}
