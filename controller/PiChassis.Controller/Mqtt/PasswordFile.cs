using System.Security.Cryptography;
using System.Text;

namespace PiChassis.Controller.Mqtt;

/// <summary>
/// The embedded broker's accounts: a Mosquitto password file (<c>mosquitto_passwd -c FILE USER</c>),
/// one <c>user:$7$iterations$salt$hash</c> line each (PBKDF2-HMAC-SHA512) or the older
/// <c>user:$6$salt$hash</c> (salted SHA-512), so one file serves both brokers and no password is
/// ever stored or passed in plain text. The file must not be readable by group or others.
/// </summary>
public sealed class PasswordFile
{
    private readonly Dictionary<string, Hash> _users;

    private PasswordFile(Dictionary<string, Hash> users) => _users = users;

    public int Count => _users.Count;

    /// <summary>Reads <paramref name="path"/>; false with every problem found, naming lines, not secrets.</summary>
    public static bool TryRead(string path, out PasswordFile? file, out List<string> errors)
    {
        errors = [];
        file = null;
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
        {
            errors.Add("is readable or writable by group or others (chmod 600 it)");
        }

        var users = new Dictionary<string, Hash>(StringComparer.Ordinal);
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !Hash.TryParse(line[(colon + 1)..], out var hash))
            {
                errors.Add($"line {i + 1} is not 'user:$7$…' or 'user:$6$…' as mosquitto_passwd writes it");
                continue;
            }

            if (!users.TryAdd(line[..colon], hash))
            {
                errors.Add($"line {i + 1} repeats user '{line[..colon]}'");
            }
        }

        if (users.Count == 0)
        {
            errors.Add("holds no account");
        }

        file = errors.Count == 0 ? new PasswordFile(users) : null;
        return file is not null;
    }

    public bool Verify(string? user, string? password) =>
        user is not null && password is not null && _users.TryGetValue(user, out var hash) && hash.Matches(password);

    private sealed record Hash(int Iterations, byte[] Salt, byte[] Digest)
    {
        // Iterations 0 marks the salted SHA-512 of '$6$'.
        public static bool TryParse(string text, out Hash hash)
        {
            hash = null!;
            var parts = text.Split('$');
            try
            {
                if (parts is ["", "7", var iterations, var salt, var digest] && int.TryParse(iterations, out var n) && n is > 0 and <= 10_000_000)
                {
                    hash = new Hash(n, Convert.FromBase64String(salt), Convert.FromBase64String(digest));
                    return hash.Digest.Length == 64;
                }

                if (parts is ["", "6", var salt6, var digest6])
                {
                    hash = new Hash(0, Convert.FromBase64String(salt6), Convert.FromBase64String(digest6));
                    return hash.Digest.Length == 64;
                }
            }
            catch (FormatException)
            {
            }

            return false;
        }

        public bool Matches(string password)
        {
            var secret = Encoding.UTF8.GetBytes(password);
            var computed = Iterations > 0
                ? Rfc2898DeriveBytes.Pbkdf2(secret, Salt, Iterations, HashAlgorithmName.SHA512, 64)
                : SHA512.HashData([.. secret, .. Salt]);
            return CryptographicOperations.FixedTimeEquals(computed, Digest);
        }
    }
}
