using System.Device.Gpio;
using PiChassis.Hardware.Simulation;

namespace PiChassis.Controller.Panel;

/// <summary>
/// Presses the simulated chassis's buttons as a finger would: the GPIO line goes low, and back
/// high after the hold time, on the injected clock. The real button driver and the gesture
/// classifier see the edges, so everything after the contact runs as on hardware.
/// </summary>
public sealed class SimulatedButtonPresser(SimulatedGpioDriver gpio, TimeProvider time) : IDisposable
{
    /// <summary>How long a tap holds the button down, and the gap between the taps of a double press.</summary>
    public static readonly TimeSpan Tap = TimeSpan.FromMilliseconds(150);

    private readonly HashSet<ITimer> _playing = [];
    private readonly Lock _gate = new();

    /// <summary>Holds the (active-low) button on <paramref name="pin"/> down for <paramref name="hold"/>.</summary>
    public void Press(int pin, TimeSpan hold) => Play(pin, [hold]);

    /// <summary>Two taps, closer together than the double-press window.</summary>
    public void DoublePress(int pin) => Play(pin, [Tap, Tap, Tap]);

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var timer in _playing)
            {
                timer.Dispose();
            }

            _playing.Clear();
        }
    }

    // Segments alternate pressed and released, starting pressed; the button is released at the end.
    private void Play(int pin, TimeSpan[] segments)
    {
        var step = 0;
        ITimer? timer = null;
        timer = time.CreateTimer(_ =>
        {
            lock (_gate)
            {
                step++;
                gpio.SetInputLevel(pin, step % 2 == 0 ? PinValue.Low : PinValue.High);
                if (step < segments.Length)
                {
                    timer!.Change(segments[step], Timeout.InfiniteTimeSpan);
                }
                else if (_playing.Remove(timer!))
                {
                    timer!.Dispose();
                }
            }
        }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        lock (_gate)
        {
            _playing.Add(timer);
            gpio.SetInputLevel(pin, PinValue.Low);
            timer.Change(segments[0], Timeout.InfiniteTimeSpan);
        }
    }
}
