using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Hosting;
using PiChassis.Controller.Panel;

namespace PiChassis.Tests.Controller.Panel;

public class PanelServicesTests
{
    private static ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return new ServiceCollection().AddLogging().AddPiChassisController(configuration).BuildServiceProvider();
    }

    [Fact]
    public async Task AddPiChassisPanel_Hardware_NoFanDefaultCurveAndTheMqttBrokerStatus()
    {
        await using var services = Build();

        var cooling = services.GetRequiredService<IOptions<CoolingOptions>>().Value;

        Assert.Empty(cooling.Fans);
        Assert.Equal([35.0, 55.0], cooling.Curve.Select(p => p.TemperatureC));
        Assert.IsType<PiChassis.Controller.Mqtt.MqttBrokerStatus>(services.GetRequiredService<IBrokerStatus>());
    }

    [Fact]
    public void AddPiChassisPanel_Simulation_OneSimulatedFanUnlessTurnedOff()
    {
        using var withFan = Build(("Simulation:Enabled", "true"));
        using var fanless = Build(("Simulation:Enabled", "true"), ("Cooling:FanInSimulation", "false"));

        Assert.Equal("simulated", Assert.Single(withFan.GetRequiredService<IOptions<CoolingOptions>>().Value.Fans).Driver);
        Assert.Empty(fanless.GetRequiredService<IOptions<CoolingOptions>>().Value.Fans);
    }

    [Fact]
    public void AddPiChassisPanel_ConfiguredCurve_ReplacesTheDefault()
    {
        using var services = Build(("Cooling:Curve:0:TemperatureC", "40"), ("Cooling:Curve:0:DutyPercent", "50"));

        Assert.Equal([40.0], services.GetRequiredService<IOptions<CoolingOptions>>().Value.Curve.Select(p => p.TemperatureC));
    }

    [Fact]
    public void ConfigurationCheck_PanelAndCoolingMistakes_Listed()
    {
        using var services = Build(("Panel:LongPress", "00:00:00.2"), ("Cooling:HysteresisC", "0"));

        var errors = ConfigurationCheck.Collect(services);

        Assert.Contains(errors, e => e.StartsWith("Panel:LongPress", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Cooling:HysteresisC", StringComparison.Ordinal));
    }
}
