namespace PiChassis.Hardware.Expander;

/// <summary>
/// MCP23017 register addresses in the power-on map (IOCON.BANK = 0): port A and B registers
/// alternate, so a two-byte access starting at an A register covers both ports in either
/// sequential mode (SEQOP = 0 increments, SEQOP = 1 toggles within the pair).
/// </summary>
public enum Mcp23017Register : byte
{
    IodirA = 0x00,
    IodirB = 0x01,
    IpolA = 0x02,
    IpolB = 0x03,
    GpintenA = 0x04,
    GpintenB = 0x05,
    DefvalA = 0x06,
    DefvalB = 0x07,
    IntconA = 0x08,
    IntconB = 0x09,
    Iocon = 0x0A,

    /// <summary>The same IOCON register, reachable at both addresses of its pair.</summary>
    IoconMirror = 0x0B,
    GppuA = 0x0C,
    GppuB = 0x0D,
    IntfA = 0x0E,
    IntfB = 0x0F,
    IntcapA = 0x10,
    IntcapB = 0x11,
    GpioA = 0x12,
    GpioB = 0x13,
    OlatA = 0x14,
    OlatB = 0x15,
}
