using UnitsNet;

namespace PiChassis.Hardware.Ina219;

/// <summary>
/// The register values an INA219 needs for one shunt and one expected maximum current, and the LSBs
/// that turn its registers back into amperes and watts (TI SBOS448G, "Programming the INA219").
/// </summary>
/// <param name="ConfigurationRegister">Bus range 16 V, the PGA, 12-bit shunt and bus ADC, shunt and bus continuous.</param>
/// <param name="CalibrationRegister">trunc(0.04096 / (current LSB × R)), bit 0 clear (the chip ignores it).</param>
/// <param name="CurrentLsbA">Amperes per current-register count, exact for the calibration actually written.</param>
/// <param name="ShuntRangeV">The PGA's full scale: 0.04, 0.08, 0.16 or 0.32 V.</param>
public readonly record struct Ina219Calibration(
    ushort ConfigurationRegister,
    ushort CalibrationRegister,
    double CurrentLsbA,
    double ShuntRangeV)
{
    private static readonly double[] ShuntRangesV = [0.04, 0.08, 0.16, 0.32];

    // BRNG = 0 (16 V: the rail is 5 V), BADC = SADC = 0011 (12 bit, 532 µs), MODE = 111 (shunt and bus continuous).
    private const ushort FixedConfiguration = (0b0011 << 7) | (0b0011 << 3) | 0b111;
    private const double CalibrationScale = 0.04096;
    private const int CurrentRegisterMax = 32767;
    private const int CalibrationMax = 0xFFFE;

    // Decimal values are not exact in binary: without this slack 0.04096 / (1e-4 × 0.01) truncates to
    // 40959 and 3.2 A × 0.1 Ω exceeds 0.32 V. One count off the ideal calibration is harmless: the LSB
    // is derived from the value written.
    private const double RoundingSlack = 1e-9;

    /// <summary>Power-register LSB: the datasheet fixes it at 20 × the current LSB.</summary>
    public double PowerLsbW => 20 * CurrentLsbA;

    /// <summary>Computes the registers for a shunt and the largest current it must measure.</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The shunt or the current is not positive, or their product exceeds the chip's ±320 mV shunt range.
    /// </exception>
    public static Ina219Calibration For(ElectricResistance shunt, ElectricCurrent maxExpectedCurrent)
    {
        double ohms = shunt.Ohms;
        double maxA = maxExpectedCurrent.Amperes;
        // UnitsNet already refuses NaN and infinities.
        if (ohms <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(shunt), ohms, "The INA219 shunt must be a positive resistance.");
        }

        if (maxA <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxExpectedCurrent), maxA, "The maximum expected current must be positive.");
        }

        double maxShuntV = maxA * ohms;
        int pga = Array.FindIndex(ShuntRangesV, rangeV => maxShuntV <= rangeV * (1 + RoundingSlack));
        if (pga < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(maxExpectedCurrent),
                maxA,
                $"{maxA} A through {ohms} Ω drops {maxShuntV * 1000:0.#} mV, beyond the INA219's ±320 mV shunt range: use a smaller shunt.");
        }

        // The current register must hold the maximum (≥ max / 32767), and the calibration must fit in
        // 16 bits: a coarser LSB is harmless while it stays finer than the ADC's own 10 µV / R step.
        double minimumLsbA = Math.Max(maxA / CurrentRegisterMax, CalibrationScale / (CalibrationMax * ohms));
        double nominalLsbA = RoundUpToOneTwoFive(minimumLsbA);
        double idealCalibration = CalibrationScale / (nominalLsbA * ohms) * (1 + RoundingSlack);
        ushort calibration = (ushort)((int)idealCalibration & CalibrationMax);
        ushort configuration = (ushort)((pga << 11) | FixedConfiguration);
        return new Ina219Calibration(configuration, calibration, CalibrationScale / (calibration * ohms), ShuntRangesV[pga]);
    }

    // A 1-2-5 LSB keeps register values readable in a logic-analyser trace.
    private static double RoundUpToOneTwoFive(double value)
    {
        double decade = Math.Pow(10, Math.Floor(Math.Log10(value)));
        double mantissa = value / decade / (1 + RoundingSlack);
        double step = mantissa <= 1 ? 1 : mantissa <= 2 ? 2 : mantissa <= 5 ? 5 : 10;
        return step * decade;
    }
}
