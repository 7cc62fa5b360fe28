using PiChassis.Controller.Panel;

namespace PiChassis.Controller.ConsoleView;

/// <summary>What the panel and the fans show, for the status table.</summary>
/// <param name="SlotLeds">Each slot's LED pattern now (slots without an LED are missing).</param>
/// <param name="FanDutyPercent">Null when no fan is fitted.</param>
public sealed record PanelReadout(IReadOnlyDictionary<int, LedPattern> SlotLeds, LedPattern? StatusLed, double? FanDutyPercent);
