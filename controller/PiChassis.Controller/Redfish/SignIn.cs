namespace PiChassis.Controller.Redfish;

/// <summary>The outcome of checking a user name and password.</summary>
public enum SignIn
{
    Accepted,
    Refused,

    /// <summary>Too many failures: refused whatever the password, until the lockout ends.</summary>
    LockedOut,

    /// <summary>Too many logins are waiting for the slow hash: try again shortly.</summary>
    Busy,

    /// <summary>This client address has used up its share of slow hashes (<c>Redfish:PasswordChecksPerSecond</c>).</summary>
    Throttled,
}
