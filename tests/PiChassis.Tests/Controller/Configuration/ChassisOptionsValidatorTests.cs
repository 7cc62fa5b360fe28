using Microsoft.Extensions.Configuration;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;

namespace PiChassis.Tests.Controller.Configuration;

public class ChassisOptionsValidatorTests
{
    private static ChassisOptions Defaults(int slots = 8)
    {
        var options = new ChassisOptions { SlotCount = slots };
        DefaultWiring.ApplyTo(options);
        return options;
    }

    [Theory]
    [InlineData("-Ehalt.log")]
    [InlineData("node;reboot")]
    [InlineData("node$(id)")]
    [InlineData(".hidden")]
    public void Validate_NodeNameAnOptionOrShellText_Refused(string node)
    {
        var options = new ChassisOptions { SlotCount = 2, Slots = { new SlotOptions { Slot = 1, Node = node } } };
        DefaultWiring.ApplyTo(options);

        var result = new ChassisOptionsValidator().Validate(null, options);

        Assert.Contains(result.Failures!, f => f.StartsWith($"Slot 1: node name '{node}' must be", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(16)]
    public void Validate_DefaultWiring_IsValid(int slots)
    {
        var result = new ChassisOptionsValidator().Validate(null, Defaults(slots));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void ApplyTo_DefaultWiring_FollowsWiringMap()
    {
        var options = Defaults(16);

        Assert.Equal(16, options.Slots.Count);
        Assert.Equal(0x4F, options.Slots[15].SensorAddress!.Value.Value);
        Assert.Equal(0x20, options.Slots[0].Relay.Address!.Value.Value);
        Assert.Equal(15, options.Slots[15].Relay.Pin);
        Assert.Equal(0x21, options.Slots[3].Led.Address!.Value.Value);
        Assert.Equal("node03", options.Slots[2].Node);
        Assert.Equal(["inlet", "exhaust"], options.Probes.Select(p => p.Name));
    }

    [Fact]
    public void Validate_FourMistakes_ListsEveryOne()
    {
        var options = Defaults();
        options.Slots[1].SensorAddress = options.Slots[0].SensorAddress;            // duplicate I2C address
        options.Slots[2].Relay = new OutputOptions { Driver = "mcp23017", Address = new I2cAddress(0x20), Pin = 0 }; // relay pin twice
        options.Slots[3].Led = new OutputOptions { Driver = "neopixel" };            // unknown driver
        options.Slots[4].ShuntOhms = -0.01;                                          // negative shunt

        var result = new ChassisOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Equal(4, failures.Count);
        Assert.Contains(failures, f => f.Contains("Slot 2 INA219", StringComparison.Ordinal) && f.Contains("0x40", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Slot 3 relay", StringComparison.Ordinal) && f.Contains("already used by Slot 1 relay", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("unknown driver 'neopixel'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("ShuntOhms -0.01", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_GpioPinSharedByRelayAndButton_Refused()
    {
        var options = Defaults();
        options.Slots[0].Relay = new OutputOptions { Driver = "gpio", Pin = options.Slots[1].ButtonPin };

        var result = new ChassisOptionsValidator().Validate(null, options);

        Assert.Contains(result.Failures!, f => f.Contains($"GPIO {options.Slots[1].ButtonPin}", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Lm75ClashingWithInaAddress_Refused()
    {
        var options = Defaults();
        options.Probes.Add(new ProbeOptions { Name = "psu", Driver = "lm75", Address = new I2cAddress(0x44) });

        var result = new ChassisOptionsValidator().Validate(null, options);

        Assert.Contains(result.Failures!, f => f.Contains("0x44 is already used by Slot 5 INA219", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Sim")]
    [InlineData("")]
    [InlineData("a_b")]
    [InlineData("nodes")]
    public void Validate_BadChassisId_Refused(string id)
    {
        var options = Defaults();
        options.Id = id;

        Assert.True(new ChassisOptionsValidator().Validate(null, options).Failed);
    }

    [Theory]
    [InlineData("0x40", 0x40)]
    [InlineData("64", 64)]
    [InlineData(" 0X1f ", 0x1F)]
    public void Parse_AddressText_ReadsHexOrDecimal(string text, int expected)
    {
        Assert.Equal(expected, I2cAddress.Parse(text).Value);
    }

    [Fact]
    public void Validate_RestorePolicyFromSettings_NamesAcceptedUnknownValueReported()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Slots:0:Slot"] = "2",
            ["Slots:0:RestorePolicy"] = "on",
            ["Slots:1:Slot"] = "3",
            ["Slots:1:RestorePolicy"] = "7",
        }).Build();
        var chassis = new ChassisOptions();
        configuration.Bind(chassis);
        DefaultWiring.ApplyTo(chassis);

        var result = new ChassisOptionsValidator().Validate(null, chassis);

        Assert.Equal([RestorePolicy.Last, RestorePolicy.On, (RestorePolicy)7], chassis.Slots.Take(3).Select(s => s.RestorePolicy));
        Assert.Equal(["Slot 3: RestorePolicy must be last, on or off."], result.Failures!);
    }
}
