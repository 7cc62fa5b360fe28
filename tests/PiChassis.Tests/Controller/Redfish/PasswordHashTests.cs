using PiChassis.Controller.Redfish;

namespace PiChassis.Tests.Controller.Redfish;

public sealed class PasswordHashTests
{
    [Fact]
    public void Create_StoredForm_ReadsBackAndVerifiesOnlyThePassword()
    {
        var stored = PasswordHash.Create("correct horse", 10_000).ToString();

        Assert.StartsWith("pbkdf2-sha256$10000$", stored, StringComparison.Ordinal);
        Assert.True(PasswordHash.TryParse(stored, out var hash, out _));
        Assert.True(hash!.Verify("correct horse"));
        Assert.False(hash.Verify("correct horse "));
        Assert.False(hash.Verify(""));
    }

    [Fact]
    public void Create_SamePassword_SaltedDifferently()
    {
        Assert.NotEqual(PasswordHash.Create("x", 10_000).ToString(), PasswordHash.Create("x", 10_000).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("secret")]
    [InlineData("sha256$10000$c2FsdHNhbHQ=$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$9$c2FsdHNhbHQ=$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$10000$not base64$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$10000$c2FsdHNhbHQ=$AAAA")]
    public void TryParse_NotOurForm_RefusedWithAReason(string text)
    {
        Assert.False(PasswordHash.TryParse(text, out var hash, out var error));
        Assert.Null(hash);
        Assert.NotEmpty(error);
    }
}
