using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;
using PiChassis.Hardware;
using PiChassis.Hardware.Buses;
using PiChassis.Hardware.Expander;
using PiChassis.Hardware.Ina219;
using PiChassis.Hardware.Panel;
using PiChassis.Hardware.Relays;
using PiChassis.Hardware.Temperature;
using UnitsNet;

namespace PiChassis.Controller.ChassisHardware;

/// <summary>
/// Opens every driver of the configured chassis on the given buses. Relays are adopted as found
/// (nothing is switched). A sensor or probe that does not answer is left stale, not fatal; a relay
/// that cannot be opened is fatal, since its slot could not be controlled.
/// </summary>
public static class ChassisDevicesFactory
{
    public static ChassisDevices Create(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return Open(
            services.GetRequiredService<IOptions<ChassisOptions>>().Value,
            services.GetRequiredService<IDeviceBuses>(),
            services.GetRequiredService<TimeProvider>());
    }

    public static ChassisDevices Open(ChassisOptions chassis, IDeviceBuses buses, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(chassis);
        ArgumentNullException.ThrowIfNull(buses);
        var owned = new List<IDisposable>();
        var expanders = new Dictionary<int, Mcp23017Expander>();
        Mcp23017Expander Expander(I2cAddress address)
        {
            if (!expanders.TryGetValue(address.Value, out var expander))
            {
                var device = buses.OpenI2c(address.Value);
                owned.Add(device);
                expander = Mcp23017Expander.Open(device);
                expanders[address.Value] = expander;
            }

            return expander;
        }

        var slots = new List<SlotHardware>();
        foreach (var slot in chassis.Slots)
        {
            var (sensor, sensorError) = OpenSensor(slot, buses);
            var relay = Output<IRelay>(slot.Relay, buses, Expander,
                (e, pin, low) => new ExpanderRelay(e, pin, low), (g, pin, low) => new GpioRelay(g, pin, low));
            var led = Output<ILed>(slot.Led, buses, Expander,
                (e, pin, low) => new ExpanderLed(e, pin, low), (g, pin, low) => new GpioLed(g, pin, low));
            var button = slot.ButtonPin is { } buttonPin ? new GpioButton(buses.Gpio, buttonPin, time) : null;
            slots.Add(new SlotHardware(slot.Slot, slot.Node!, sensor, sensorError, relay, led, button));
        }

        var probes = chassis.Probes.Select(p => OpenProbe(p, buses)).ToList();
        var master = chassis.MasterButtonPin is { } masterPin ? new GpioButton(buses.Gpio, masterPin, time) : null;
        var status = chassis.StatusLedPin is { } statusPin ? new GpioLed(buses.Gpio, statusPin) : null;
        return new ChassisDevices(buses, slots, probes, master, status, owned);
    }

    private static (IPowerSensor? Sensor, string? Error) OpenSensor(SlotOptions slot, IDeviceBuses buses)
    {
        try
        {
            var device = buses.OpenI2c(slot.SensorAddress!.Value.Value);
            return (new Ina219PowerSensor(device, ElectricResistance.FromOhms(slot.ShuntOhms), ElectricCurrent.FromAmperes(slot.MaxCurrentA), ownsDevice: true), null);
        }
        catch (HardwareException e)
        {
            return (null, $"INA219 at {slot.SensorAddress} did not answer: {e.Message}");
        }
    }

    private static ProbeHardware OpenProbe(ProbeOptions probe, IDeviceBuses buses)
    {
        try
        {
            ITemperatureProbe opened = probe.Driver.ToLowerInvariant() switch
            {
                "mcp9808" => new Mcp9808Probe(buses.OpenI2c(probe.Address!.Value.Value)),
                "lm75" => new Lm75Probe(buses.OpenI2c(probe.Address!.Value.Value)),
                _ => new SocTemperatureProbe(),
            };
            return new ProbeHardware(probe.Name, opened, null);
        }
        catch (HardwareException e)
        {
            return new ProbeHardware(probe.Name, null, e.Message);
        }
    }

    private static T Output<T>(
        OutputOptions output,
        IDeviceBuses buses,
        Func<I2cAddress, Mcp23017Expander> expander,
        Func<Mcp23017Expander, int, bool, T> onExpander,
        Func<System.Device.Gpio.GpioController, int, bool, T> onGpio) =>
        string.Equals(output.Driver, "gpio", StringComparison.OrdinalIgnoreCase)
            ? onGpio(buses.Gpio, output.Pin!.Value, output.ActiveLow)
            : onExpander(expander(output.Address!.Value), output.Pin!.Value, output.ActiveLow);
}
