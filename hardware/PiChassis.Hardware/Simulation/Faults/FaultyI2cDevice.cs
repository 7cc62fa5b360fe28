using System.Device.I2c;

namespace PiChassis.Hardware.Simulation.Faults;

/// <summary>
/// Wraps any <see cref="I2cDevice"/> and makes some of its transactions fail the way they fail on a
/// Pi: each Read, ReadByte, Write, WriteByte or WriteRead is one transaction. NACK and timeout throw
/// the <see cref="IOException"/> that System.Device.I2c's Linux bus throws for EREMOTEIO and ETIMEDOUT
/// (the errors i2c-bcm2835 returns), immediately rather than after the adapter's timeout. A stuck value
/// repeats the bytes last read from the same register pointer (the first byte last written) with the
/// same length; before any such read there is nothing to repeat and the read goes through.
/// Disposing this device disposes the wrapped one. Thread-safe.
/// </summary>
public sealed class FaultyI2cDevice : I2cDevice
{
    private readonly I2cDevice _inner;
    private readonly Lock _gate = new();
    private readonly Dictionary<(int Pointer, int Length), byte[]> _lastReads = [];
    private I2cFaultPlan _plan = I2cFaultPlan.None;
    private Random _random = new(0);
    private int _pointer = -1;
    private long _injectedFaults;

    public FaultyI2cDevice(I2cDevice inner, I2cFaultPlan? plan = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        Plan = plan ?? I2cFaultPlan.None;
    }

    /// <summary>The fault plan; setting one restarts its random sequence from its seed.</summary>
    public I2cFaultPlan Plan
    {
        get
        {
            lock (_gate)
            {
                return _plan;
            }
        }

        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (_gate)
            {
                _plan = value;
                _random = new Random(value.Seed);
            }
        }
    }

    /// <summary>Faults injected so far, of any mode.</summary>
    public long InjectedFaults => Interlocked.Read(ref _injectedFaults);

    public override I2cConnectionSettings ConnectionSettings => _inner.ConnectionSettings;

    /// <summary>Stops injecting faults (the counter keeps its value).</summary>
    public void Clear() => Plan = I2cFaultPlan.None;

    public override byte ReadByte()
    {
        Span<byte> buffer = stackalloc byte[1];
        Read(buffer);
        return buffer[0];
    }

    public override void Read(Span<byte> buffer)
    {
        lock (_gate)
        {
            ThrowIfBusFault();
            if (!TryStuckRead(buffer, _pointer))
            {
                _inner.Read(buffer);
                _lastReads[(_pointer, buffer.Length)] = buffer.ToArray();
            }
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (_gate)
        {
            ThrowIfBusFault();
            _inner.Write(buffer);
            _pointer = buffer.IsEmpty ? _pointer : buffer[0];
        }
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        lock (_gate)
        {
            var pointer = writeBuffer.IsEmpty ? _pointer : writeBuffer[0];
            ThrowIfBusFault();
            if (!TryStuckRead(readBuffer, pointer))
            {
                _inner.WriteRead(writeBuffer, readBuffer);
                _pointer = pointer;
                _lastReads[(pointer, readBuffer.Length)] = readBuffer.ToArray();
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Fills the last value read from this register when a stuck-value plan draws a fault.</summary>
    private bool TryStuckRead(Span<byte> buffer, int pointer)
    {
        if (_plan.Mode != I2cFaultMode.StuckValue
            || !_lastReads.TryGetValue((pointer, buffer.Length), out var last) || !Draw())
        {
            return false;
        }

        last.CopyTo(buffer);
        Interlocked.Increment(ref _injectedFaults);
        return true;
    }

    /// <summary>Throws the bus error of a NACK or timeout plan when this transaction draws a fault.</summary>
    private void ThrowIfBusFault()
    {
        if (_plan.Mode is I2cFaultMode.Nack or I2cFaultMode.Timeout && Draw())
        {
            Interlocked.Increment(ref _injectedFaults);
            throw _plan.Mode == I2cFaultMode.Nack
                ? new IOException("Error 121 (Remote I/O error) performing I2C data transfer.")
                : new IOException("Error 110 (Connection timed out) performing I2C data transfer.");
        }
    }

    private bool Draw() => _plan.Rate >= 1 || _random.NextDouble() < _plan.Rate;
}
