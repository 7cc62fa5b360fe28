using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PiChassis.Controller.Hosting;

namespace PiChassis.Tests.Controller.Hosting;

/// <summary>
/// A value that cannot be read (e.g. "abc" for a number) is listed with its key, and hides none of the
/// other errors of its section: the binder stops at it, the start-up check must not.
/// </summary>
public class ConfigurationCheckTests
{
    [Fact]
    public void Collect_UnreadableValueBesideOutOfRangeOnes_AllThreeListed()
    {
        var errors = Collect(("Power:PsuBudgetW", "abc"), ("Power:HeadroomW", "-1"), ("Power:DefaultBootPeakW", "-3"));

        // Nothing about the budget's default either: the value given is named, not the one it left in place.
        Assert.Equal(
            [
                "Power:PsuBudgetW \"abc\" is not a number.",
                "Power:HeadroomW -1 must be at least 0 and below the budget.",
                "Power:DefaultBootPeakW -3 must be positive and at most 50 W.",
            ],
            errors);
    }

    [Fact]
    public void Collect_UnreadableValuesInTwoSections_EverySectionChecked()
    {
        var errors = Collect(
            ("Power:PsuBudgetW", "abc"), ("Power:HeadroomW", "-1"),
            ("Panel:LongPress", "3s"), ("Panel:DoublePressWindow", "00:00:00"), ("Panel:LampTest", "soon"));

        Assert.Equal(5, errors.Count);
        Assert.Contains("Power:PsuBudgetW \"abc\" is not a number.", errors);
        Assert.Contains(errors, e => e.StartsWith("Power:HeadroomW -1 ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Panel:LongPress \"3s\" is not a time", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Panel:LampTest \"soon\" is not a time", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Panel:DoublePressWindow 00:00:00 ", StringComparison.Ordinal));
    }

    [Fact]
    public void Collect_RedfishAccountWithUnknownRole_OtherAccountAndSectionErrorsListedToo()
    {
        var errors = Collect(
            ("Redfish:Accounts:0:UserName", "boss"), ("Redfish:Accounts:0:Role", "Boss"), ("Redfish:Accounts:0:PasswordHash", "plain"),
            ("Redfish:SessionTimeout", "00:00:01"));

        Assert.Equal(3, errors.Count);
        Assert.Equal("Redfish:Accounts:0:Role \"Boss\" is not one of Administrator, Operator, ReadOnly.", errors[0]);
        Assert.Contains(errors, e => e.StartsWith("Redfish:Accounts:0: PasswordHash ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Redfish:SessionTimeout 00:00:01 must be", StringComparison.Ordinal));
    }

    [Fact]
    public void Collect_SlotWithUnknownRestorePolicyAndBadAddress_ListedOnceBesideItsPriorityError()
    {
        // The autoscaler checks its groups against the chassis: a chassis that cannot be read must not be listed again under it.
        var errors = Collect(
            ("Chassis:Slots:0:Slot", "2"), ("Chassis:Slots:0:RestorePolicy", "maybe"), ("Chassis:Slots:0:SensorAddress", "0xZZ"),
            ("Chassis:Slots:0:Priority", "500"));

        Assert.Equal(
            [
                "Chassis:Slots:0:RestorePolicy \"maybe\" is not one of Last, On, Off.",
                "Chassis:Slots:0:SensorAddress \"0xZZ\" is not an I2C address (write 0x40 or 64).",
                "Slot 2: Priority 500 must be -100 to 100.",
            ],
            errors);
    }

    [Theory]
    [InlineData("Chassis:SlotCount", "eight", "is not a whole number")]
    [InlineData("Chassis:Slots:0:ButtonPin", "GPIO5", "is not a whole number")]
    [InlineData("Chassis:MasterButtonPin", "99999999999", "is not a whole number")]
    [InlineData("Cooling:Fans:0:ActiveLow", "yes", "is not true or false")]
    [InlineData("Cooling:Curve:0:DutyPercent", "50%", "is not a number")]
    [InlineData("Watchdog:Slots:0", "first", "is not a whole number")]
    [InlineData("Redfish:Enabled", "on", "is not true or false")]
    [InlineData("Simulation:Enabled", "yes", "is not true or false")]
    [InlineData("Metrics:Enabled", "1", "is not true or false")]
    [InlineData("Autoscaler:Enabled", "no", "is not true or false")]
    public void Collect_UnreadableValue_NamesKeyValueAndWhatWasExpected(string key, string value, string expected)
    {
        var errors = Collect((key, value), ("Chassis:Slots:0:Slot", "1"));

        Assert.StartsWith($"{key} \"{value}\" {expected}", Assert.Single(errors), StringComparison.Ordinal);
    }

    private static List<string> Collect(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
        using var services = new ServiceCollection().AddLogging().AddPiChassisController(configuration).BuildServiceProvider();
        return [.. ConfigurationCheck.Collect(services)];
    }
}
