using Microsoft.Extensions.Logging;
using PiChassis.Controller.Configuration;
using PiChassis.Hardware;
using PiChassis.Hardware.Buses;
using PiChassis.Hardware.Fan;
using PiChassis.Hardware.Simulation;
using PiChassis.Hardware.Simulation.Physics;

namespace PiChassis.Controller.Cooling;

/// <summary>
/// Opens the configured fans. A fan that cannot be opened is logged and left out: the chassis
/// still runs (protection sheds load on heat), it only lacks that fan.
/// </summary>
public static partial class FanFactory
{
    /// <param name="simulated">The simulated chassis for <c>simulated</c> fans; null on hardware.</param>
    public static IReadOnlyList<IFan> Open(CoolingOptions options, IDeviceBuses buses, SimulatedChassis? simulated, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(buses);
        var fans = new List<IFan>();
        foreach (var fan in options.Fans)
        {
            try
            {
                fans.Add(fan.Driver.ToLowerInvariant() switch
                {
                    "gpio" => new GpioFan(buses.Gpio, fan.Pin!.Value, fan.ActiveLow),
                    "simulated" => new SimulatedFan(simulated ?? throw new HardwareException("A simulated fan needs the simulated chassis.")),
                    _ => PwmFan.Open(fan.PwmChip, fan.PwmChannel, fan.FrequencyHz),
                });
            }
            catch (HardwareException e)
            {
                LogFanNotOpened(logger, e, fan.Driver);
            }
        }

        return fans;
    }

    [LoggerMessage(EventId = 530, Level = LogLevel.Error, Message = "A {Driver} fan could not be opened; running without it")]
    private static partial void LogFanNotOpened(ILogger logger, Exception exception, string driver);
}
