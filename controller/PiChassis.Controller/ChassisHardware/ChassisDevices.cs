using PiChassis.Hardware;
using PiChassis.Hardware.Buses;

namespace PiChassis.Controller.ChassisHardware;

/// <summary>
/// Every driver of the chassis, opened once at start. Disposing it leaves the relays as they are;
/// the buses belong to whoever created them.
/// </summary>
public sealed class ChassisDevices(
    IDeviceBuses buses,
    IReadOnlyList<SlotHardware> slots,
    IReadOnlyList<ProbeHardware> probes,
    IButton? masterButton,
    ILed? statusLed,
    IReadOnlyList<IDisposable> owned) : IDisposable
{
    public IDeviceBuses Buses { get; } = buses;

    public IReadOnlyList<SlotHardware> Slots { get; } = slots;

    public IReadOnlyList<ProbeHardware> Probes { get; } = probes;

    public IButton? MasterButton { get; } = masterButton;

    public ILed? StatusLed { get; } = statusLed;

    public void Dispose()
    {
        foreach (var slot in Slots)
        {
            slot.Sensor?.Dispose();
            slot.Button?.Dispose();
        }

        foreach (var probe in Probes)
        {
            probe.Probe?.Dispose();
        }

        MasterButton?.Dispose();
        foreach (var item in owned)
        {
            item.Dispose();
        }
    }
}
