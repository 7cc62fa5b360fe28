using Microsoft.Extensions.Logging;

namespace PiChassis.Controller.Panel;

public sealed partial class PanelService
{
    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "Panel started: {Leds} slot LEDs, {Buttons} buttons")]
    private partial void LogPanelStarted(int leds, int buttons);

    [LoggerMessage(EventId = 501, Level = LogLevel.Information, Message = "Slot {Slot} button: {Gesture}")]
    private partial void LogSlotPress(int slot, PressGesture gesture);

    [LoggerMessage(EventId = 502, Level = LogLevel.Information, Message = "Master button: {Gesture}")]
    private partial void LogMasterPress(PressGesture gesture);
}
