namespace PiChassis.Hardware.Simulation.Chips;

/// <summary>The ADC side: conversion timing from the configuration, and the chip's register arithmetic.</summary>
/// <remarks>
/// The rail is sampled when a transaction finds a conversion completed, not at the completion
/// instant; ADC resolution changes the timing only, not the noise or the LSB.
/// </remarks>
public sealed partial class EmulatedIna219
{
    private const double ShuntLsbV = 10e-6;
    private const double BusLsbV = 0.004;

    // Conversion time per 4-bit BADC/SADC field: 0X00..0X11 are 9..12 bit, 1001..1111 average 2..128 samples.
    private static readonly int[] ConversionMicroseconds = [84, 148, 276, 532, 84, 148, 276, 532, 532, 1060, 2130, 4260, 8510, 17020, 34050, 68100];

    // Shunt register full scale per PGA setting: ±40, 80, 160, 320 mV in 10 µV counts.
    private static readonly int[] ShuntRangeCounts = [4000, 8000, 16000, 32000];

    private short _shuntVoltage;
    private int _busVoltageCounts;
    private short _current;
    private ushort _power;
    private bool _conversionReady;
    private bool _overflow;
    private long _modeStartedAt;
    private long _conversionsLatched;

    private ushort BusVoltageRegister =>
        (ushort)((_busVoltageCounts << 3) | (_conversionReady ? 0b10 : 0) | (_overflow ? 0b01 : 0));

    private void ClearMeasurements()
    {
        _shuntVoltage = 0;
        _busVoltageCounts = 0;
        _current = 0;
        _power = 0;
        _overflow = false;
    }

    // A configuration write restarts the conversion cycle in the new mode.
    private void StartMode(ushort configuration)
    {
        _configuration = configuration;
        _modeStartedAt = _time.GetTimestamp();
        _conversionsLatched = 0;
        if ((configuration & 0b011) != 0)
        {
            _conversionReady = false; // Not for power-down or ADC off (datasheet, CNVR).
        }
    }

    private void LatchCompletedConversions()
    {
        int mode = _configuration & 0b111;
        bool shunt = (mode & 0b001) != 0;
        bool bus = (mode & 0b010) != 0;
        if (!shunt && !bus)
        {
            return; // Power-down or ADC off: the registers hold their last values.
        }

        // Shunt and bus mode converts the shunt, then the bus: a cycle takes both times.
        int cycleMicroseconds = (shunt ? ConversionMicroseconds[(_configuration >> 3) & 0xF] : 0)
            + (bus ? ConversionMicroseconds[(_configuration >> 7) & 0xF] : 0);
        long completed = _time.GetElapsedTime(_modeStartedAt).Ticks / TimeSpan.FromMicroseconds(cycleMicroseconds).Ticks;
        if ((mode & 0b100) == 0)
        {
            completed = Math.Min(completed, 1); // Triggered: one conversion per configuration write.
        }

        if (completed > _conversionsLatched)
        {
            _conversionsLatched = completed;
            Convert(shunt, bus);
        }
    }

    private void Convert(bool shunt, bool bus)
    {
        bool shuntOverRange = false;
        if (shunt)
        {
            int rangeCounts = ShuntRangeCounts[(_configuration >> 11) & 0b11];
            double counts = Math.Round(_rail.CurrentA * _shuntOhms / ShuntLsbV);
            shuntOverRange = Math.Abs(counts) > rangeCounts;
            _shuntVoltage = (short)Math.Clamp(counts, -rangeCounts, rangeCounts);
        }

        if (bus)
        {
            int maxCounts = (_configuration & 0x2000) != 0 ? 8191 : 4095; // BRNG: 32 V or 16 V range.
            _busVoltageCounts = (int)Math.Clamp(Math.Round(_rail.BusVoltageV / BusLsbV), 0, maxCounts);
        }

        // Datasheet: current = shunt × calibration / 4096, power = current × bus / 5000 (unsigned).
        long current = (long)_shuntVoltage * _calibration / 4096;
        long power = Math.Abs(current) * _busVoltageCounts / 5000;
        _current = (short)Math.Clamp(current, short.MinValue, short.MaxValue);
        _power = (ushort)Math.Min(power, ushort.MaxValue);
        _overflow = shuntOverRange || current != _current || power > ushort.MaxValue;
        _conversionReady = true;
    }
}
