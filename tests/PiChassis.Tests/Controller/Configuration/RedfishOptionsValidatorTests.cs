using PiChassis.Controller.Configuration;
using PiChassis.Controller.Redfish;

namespace PiChassis.Tests.Controller.Configuration;

public sealed class RedfishOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_AreValid()
    {
        var result = new RedfishOptionsValidator().Validate(null, new RedfishOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("192.168.1.10")]
    [InlineData("::")]
    public void Validate_OffLoopbackWithoutCertificate_RefusedNamingTheCertificate(string address)
    {
        var result = new RedfishOptionsValidator().Validate(null, new RedfishOptions { Address = address });

        Assert.Contains(result.Failures!, f => f.StartsWith("Redfish:CertificatePath is required", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0, 100, "Redfish:RequestsPerSecond 0 must be 1 to 1000.")]
    [InlineData(double.NaN, 100, "Redfish:RequestsPerSecond NaN must be 1 to 1000.")]
    [InlineData(20, 0, "Redfish:RequestBurst 0 must be 1 to 10000.")]
    [InlineData(20, 10_001, "Redfish:RequestBurst 10001 must be 1 to 10000.")]
    public void Validate_RequestLimitOutOfBounds_RefusedNamingTheSetting(double rate, int burst, string failure)
    {
        var result = new RedfishOptionsValidator().Validate(null, new RedfishOptions { RequestsPerSecond = rate, RequestBurst = burst });

        Assert.Equal(failure, Assert.Single(result.Failures!));
    }

    [Theory]
    [InlineData(0.05, "Redfish:PasswordChecksPerSecond 0.05 must be 0.1 to 100.")]
    [InlineData(101, "Redfish:PasswordChecksPerSecond 101 must be 0.1 to 100.")]
    [InlineData(double.NaN, "Redfish:PasswordChecksPerSecond NaN must be 0.1 to 100.")]
    public void Validate_PasswordChecksOutOfBounds_RefusedNamingTheSetting(double rate, string failure)
    {
        var result = new RedfishOptionsValidator().Validate(null, new RedfishOptions { PasswordChecksPerSecond = rate });

        Assert.Equal(failure, Assert.Single(result.Failures!));
    }

    [Fact]
    public void Validate_AccountMistakes_EachNamedByItsPlaceAndField()
    {
        var options = new RedfishOptions();
        var hash = PasswordHash.Create("pw", 10_000).ToString();
        options.Accounts.Add(new RedfishAccountOptions { UserName = "ops", Role = RedfishRole.Operator, PasswordHash = hash });
        options.Accounts.Add(new RedfishAccountOptions { UserName = "ops", Role = RedfishRole.Operator, PasswordHash = hash });
        options.Accounts.Add(new RedfishAccountOptions { UserName = "a:b", Role = (RedfishRole)7, PasswordHash = "secret" });

        var failures = new RedfishOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Equal(4, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Redfish:Accounts:1: UserName 'ops' is listed twice", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Redfish:Accounts:2: UserName 'a:b'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Redfish:Accounts:2: Role '7'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Redfish:Accounts:2: PasswordHash must be pbkdf2-sha256$", StringComparison.Ordinal));
    }
}
