using PiChassis.Hardware.Simulation.Faults;

namespace PiChassis.Tests.Hardware.Simulation.Faults;

public sealed class FaultyI2cDeviceTests : IDisposable
{
    private readonly CountingI2cDevice _chip = new();

    public void Dispose() => _chip.Dispose();

    [Fact]
    public void Read_NoPlan_PassesThrough()
    {
        using var device = new FaultyI2cDevice(_chip);
        var buffer = new byte[2];

        device.WriteRead([0x04], buffer);

        Assert.Equal(new byte[] { 0x04, 1 }, buffer);
        Assert.Equal(0, device.InjectedFaults);
        Assert.Equal(_chip.ConnectionSettings.DeviceAddress, device.ConnectionSettings.DeviceAddress);
    }

    [Fact]
    public void WriteRead_NackAlways_ThrowsRemoteIoErrorLikeTheLinuxBus()
    {
        using var device = new FaultyI2cDevice(_chip, I2cFaultPlan.Always(I2cFaultMode.Nack));

        var error = Assert.Throws<IOException>(() => device.WriteRead([0x04], new byte[2]));

        Assert.Equal("Error 121 (Remote I/O error) performing I2C data transfer.", error.Message);
        Assert.Throws<IOException>(() => device.WriteByte(0x01));
        Assert.Throws<IOException>(() => device.ReadByte());
        Assert.Equal(3, device.InjectedFaults);
        Assert.Equal(0, _chip.Transactions);
    }

    [Fact]
    public void Write_TimeoutAlways_ThrowsTimedOut()
    {
        using var device = new FaultyI2cDevice(_chip, I2cFaultPlan.Always(I2cFaultMode.Timeout));

        var error = Assert.Throws<IOException>(() => device.Write([0x00, 0x39, 0x9F]));

        Assert.Contains("Connection timed out", error.Message, StringComparison.Ordinal);
        Assert.Empty(_chip.Writes);
    }

    [Fact]
    public void Clear_AfterForcedFaults_PassesAgainAndKeepsTheCount()
    {
        using var device = new FaultyI2cDevice(_chip, I2cFaultPlan.Always(I2cFaultMode.Nack));
        Assert.Throws<IOException>(() => device.WriteByte(0x02));

        device.Clear();
        device.WriteByte(0x02);

        Assert.Equal(1, device.InjectedFaults);
        Assert.Equal([0x02], _chip.Writes.Single());
    }

    [Fact]
    public void WriteRead_NackAtTenPercent_CountWithinBinomialBoundsAndRepeatable()
    {
        static List<int> FailingTransactions(FaultyI2cDevice device)
        {
            var failed = new List<int>();
            for (var i = 0; i < 10_000; i++)
            {
                try
                {
                    device.WriteRead([0x04], new byte[2]);
                }
                catch (IOException)
                {
                    failed.Add(i);
                }
            }

            return failed;
        }

        using var first = new FaultyI2cDevice(new CountingI2cDevice(), new I2cFaultPlan(I2cFaultMode.Nack, 0.1, seed: 42));
        using var second = new FaultyI2cDevice(new CountingI2cDevice(), new I2cFaultPlan(I2cFaultMode.Nack, 0.1, seed: 42));

        var failed = FailingTransactions(first);

        // Mean 1000, standard deviation 30: four deviations either side.
        Assert.InRange(failed.Count, 880, 1120);
        Assert.Equal(failed.Count, first.InjectedFaults);
        Assert.Equal(failed, FailingTransactions(second));
    }

    [Fact]
    public void Read_StuckValue_RepeatsTheLastValueOfEachRegister()
    {
        using var device = new FaultyI2cDevice(_chip);
        var current = new byte[2];
        var bus = new byte[2];
        device.WriteRead([0x04], current);
        device.WriteRead([0x02], bus);

        device.Plan = I2cFaultPlan.Always(I2cFaultMode.StuckValue);
        var stuckCurrent = new byte[2];
        var stuckBus = new byte[2];
        device.WriteByte(0x04);
        device.Read(stuckCurrent);
        device.WriteRead([0x02], stuckBus);

        Assert.Equal(current, stuckCurrent);
        Assert.Equal(bus, stuckBus);
        Assert.Equal(2, device.InjectedFaults);
    }

    [Fact]
    public void Read_StuckValueWithNothingReadYet_GoesThrough()
    {
        using var device = new FaultyI2cDevice(_chip, I2cFaultPlan.Always(I2cFaultMode.StuckValue));
        var buffer = new byte[2];

        device.WriteRead([0x01], buffer);

        Assert.Equal(new byte[] { 0x01, 1 }, buffer);
        Assert.Equal(0, device.InjectedFaults);
    }

    [Fact]
    public void Dispose_DisposesTheWrappedDevice()
    {
        var device = new FaultyI2cDevice(_chip);

        device.Dispose();

        Assert.True(_chip.Disposed);
    }

    [Fact]
    public void Plan_RateOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new I2cFaultPlan(I2cFaultMode.Nack, 1.5));
    }
}
