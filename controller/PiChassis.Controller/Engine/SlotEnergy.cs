namespace PiChassis.Controller.Engine;

/// <summary>A slot's energy counters in watt-hours; today and yesterday by the controller's local date.</summary>
public sealed record SlotEnergy(int Slot, double LifetimeWh, double TodayWh, double YesterdayWh);
