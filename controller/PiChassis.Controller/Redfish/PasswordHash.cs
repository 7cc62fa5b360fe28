using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PiChassis.Controller.Redfish;

/// <summary>
/// Salted, slow password hashes in a self-describing form, <c>pbkdf2-sha256$&lt;iterations&gt;$&lt;salt b64&gt;$&lt;hash b64&gt;</c>,
/// so a configuration file never holds a password and the cost can be raised later without breaking old hashes.
/// </summary>
public sealed class PasswordHash
{
    /// <summary>OWASP's 2023 figure for PBKDF2-SHA256 is 600 000; a Pi 4 takes about 0.3 s for it, once per login.</summary>
    public const int DefaultIterations = 600_000;

    private const string Scheme = "pbkdf2-sha256";
    private const int MinIterations = 10_000;
    private const int MaxIterations = 10_000_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private readonly int _iterations;
    private readonly byte[] _salt;
    private readonly byte[] _hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash)
    {
        _iterations = iterations;
        _salt = salt;
        _hash = hash;
    }

    /// <summary>A new hash of <paramref name="password"/> with a fresh random salt.</summary>
    public static PasswordHash Create(string password, int iterations = DefaultIterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, MinIterations);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return new PasswordHash(iterations, salt, Derive(password, salt, iterations));
    }

    /// <summary>Reads the stored form; false (with why) when it is not one this program wrote.</summary>
    public static bool TryParse(string? text, out PasswordHash? hash, out string error)
    {
        hash = null;
        var parts = (text ?? "").Split('$');
        if (parts.Length != 4 || parts[0] != Scheme)
        {
            error = $"must be {Scheme}$<iterations>$<salt>$<hash> (pichassis-controller --hash-password makes one)";
            return false;
        }

        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations is < MinIterations or > MaxIterations)
        {
            error = $"iterations must be {MinIterations} to {MaxIterations}";
            return false;
        }

        var salt = new byte[parts[2].Length];
        var derived = new byte[parts[3].Length];
        if (!Convert.TryFromBase64String(parts[2], salt, out var saltLength) || saltLength < 8
            || !Convert.TryFromBase64String(parts[3], derived, out var hashLength) || hashLength != HashBytes)
        {
            error = $"the salt (8 bytes or more) and the hash ({HashBytes} bytes) must be base64";
            return false;
        }

        hash = new PasswordHash(iterations, salt[..saltLength], derived[..hashLength]);
        error = "";
        return true;
    }

    /// <summary>Compares in constant time, so the time taken says nothing about how much of the password was right.</summary>
    public bool Verify(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return CryptographicOperations.FixedTimeEquals(Derive(password, _salt, _iterations), _hash);
    }

    /// <summary>The stored form.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Scheme}${_iterations}${Convert.ToBase64String(_salt)}${Convert.ToBase64String(_hash)}");

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
}
