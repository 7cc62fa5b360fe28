using PiChassis.Hardware.Simulation.Chips;

namespace PiChassis.Tests.Hardware.Simulation.Chips;

public sealed class EmulatedI2cChipTests : IDisposable
{
    private readonly EmulatedLm75 _chip = new(0x48, new SettableTemperatureSource(25.0));

    public void Dispose() => _chip.Dispose();

    [Fact]
    public void Counters_PointerWriteThenRead_CountTwoTransactionsAndFiveBytes()
    {
        Span<byte> buffer = stackalloc byte[2];
        _chip.WriteByte(EmulatedLm75.TemperatureRegister);
        _chip.Read(buffer);

        Assert.Equal(2, _chip.Transactions);
        Assert.Equal(5, _chip.BytesTransferred); // (addr + pointer) + (addr + 2 data)
    }

    [Fact]
    public void Counters_WriteReadWithRepeatedStart_CountOneTransactionAndFiveBytes()
    {
        Span<byte> buffer = stackalloc byte[2];
        _chip.WriteRead([EmulatedLm75.TemperatureRegister], buffer);

        Assert.Equal(1, _chip.Transactions);
        Assert.Equal(5, _chip.BytesTransferred);
    }

    [Fact]
    public void Counters_RegisterWrite_CountAddressPointerAndData()
    {
        _chip.Write([EmulatedLm75.OverTemperatureRegister, 0x50, 0x00]);

        Assert.Equal(1, _chip.Transactions);
        Assert.Equal(4, _chip.BytesTransferred);
    }

    [Fact]
    public void Read_Disconnected_ThrowsIOExceptionAndStillCountsTheAddressByte()
    {
        _chip.IsDisconnected = true;

        var ex = Assert.Throws<IOException>(() => _chip.ReadByte());
        Assert.Contains("0x48", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, _chip.Transactions);
        Assert.Equal(1, _chip.BytesTransferred);
    }

    [Fact]
    public void Read_Reconnected_AnswersAgain()
    {
        _chip.IsDisconnected = true;
        Assert.Throws<IOException>(() => _chip.ReadByte());

        _chip.IsDisconnected = false;
        _chip.WriteByte(EmulatedLm75.OverTemperatureRegister);

        Assert.Equal(0x50, _chip.ReadByte());
    }

    [Fact]
    public void Read_AfterDispose_ThrowsObjectDisposed()
    {
        _chip.Dispose();

        Assert.True(_chip.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => _chip.ReadByte());
    }

    [Fact]
    public void Read_PastRegisterWidth_RepeatsTheRegister()
    {
        Span<byte> buffer = stackalloc byte[4];
        _chip.WriteRead([EmulatedLm75.OverTemperatureRegister], buffer);

        Assert.Equal(new byte[] { 0x50, 0x00, 0x50, 0x00 }, buffer.ToArray());
    }
}
