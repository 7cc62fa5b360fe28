using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Hosting;

namespace PiChassis.Tests.Controller.Configuration;

/// <summary>Through the controller's own registration, i.e. the source-generated binder the published build uses.</summary>
public class ChassisAddressBinderTests
{
    private static ServiceProvider Services(string json)
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        return new ServiceCollection().AddLogging().AddPiChassisController(configuration).BuildServiceProvider();
    }

    [Fact]
    public void Bind_HexAndDecimalAddresses_ReadAsWritten()
    {
        using var services = Services("""
            { "Chassis": {
                "SlotCount": 2,
                "Slots": [
                  { "Slot": 1, "SensorAddress": "0x4A", "Relay": { "Address": "0x22", "Pin": 3 }, "Led": { "Address": "35", "Pin": 3 } },
                  { "Slot": 2, "SensorAddress": "75" }
                ],
                "Probes": [ { "Name": "psu", "Driver": "mcp9808", "Address": "0x1A" } ] } }
            """);

        var chassis = services.GetRequiredService<IOptions<ChassisOptions>>().Value;

        Assert.Equal(0x4A, chassis.Slots[0].SensorAddress!.Value.Value);
        Assert.Equal(0x22, chassis.Slots[0].Relay.Address!.Value.Value);
        Assert.Equal(3, chassis.Slots[0].Relay.Pin);
        Assert.Equal(35, chassis.Slots[0].Led.Address!.Value.Value);
        Assert.Equal(75, chassis.Slots[1].SensorAddress!.Value.Value);
        Assert.Equal(0x1A, chassis.Probes.Single().Address!.Value.Value);
    }

    [Fact]
    public void Bind_AddressNotANumber_ReportedWithItsKey()
    {
        using var services = Services("""{ "Chassis": { "Slots": [ { "Slot": 1, "SensorAddress": "0xZZ" } ] } }""");

        var errors = ConfigurationCheck.Collect(services);

        Assert.Contains("Chassis:Slots:0:SensorAddress \"0xZZ\" is not an I2C address (write 0x40 or 64).", errors);
    }

    [Fact]
    public void Bind_UnsetAddresses_FollowTheDefaultWiring()
    {
        using var services = Services("""{ "Chassis": { "SlotCount": 3, "Slots": [ { "Slot": 3, "Node": "edge" } ] } }""");

        var chassis = services.GetRequiredService<IOptions<ChassisOptions>>().Value;

        Assert.Equal([0x40, 0x41, 0x42], chassis.Slots.Select(s => s.SensorAddress!.Value.Value));
        Assert.Equal("edge", chassis.Slots[2].Node);
    }
}
