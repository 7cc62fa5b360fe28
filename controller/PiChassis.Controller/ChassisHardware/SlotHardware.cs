using PiChassis.Hardware;

namespace PiChassis.Controller.ChassisHardware;

/// <summary>The opened drivers of one slot. A sensor that could not be opened is null and reads stale.</summary>
public sealed record SlotHardware(int Slot, string Node, IPowerSensor? Sensor, string? SensorError, IRelay Relay, ILed? Led, IButton? Button);
