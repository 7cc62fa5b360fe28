namespace PiChassis.Controller.Configuration;

/// <summary>The chassis as built: its id, I2C bus, slots, probes and panel. Section <c>Chassis</c>.</summary>
public sealed class ChassisOptions
{
    public const string Section = "Chassis";

    /// <summary>The chassis id in MQTT topics: <c>[a-z0-9-]{1,32}</c>.</summary>
    public string Id { get; set; } = "sim";

    /// <summary>The Pi's I2C bus number (/dev/i2c-1).</summary>
    public int I2cBus { get; set; } = 1;

    /// <summary>How many slots the chassis has; slots not listed in <see cref="Slots"/> get the default wiring.</summary>
    public int SlotCount { get; set; } = 8;

    public List<SlotOptions> Slots { get; } = [];

    public List<ProbeOptions> Probes { get; } = [];

    /// <summary>BCM GPIO number of the master button (active-low); null: none.</summary>
    public int? MasterButtonPin { get; set; } = DefaultWiring.MasterButtonPin;

    /// <summary>BCM GPIO number of the chassis status LED; null: none.</summary>
    public int? StatusLedPin { get; set; } = DefaultWiring.StatusLedPin;
}
