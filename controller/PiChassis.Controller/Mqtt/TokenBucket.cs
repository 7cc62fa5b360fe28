namespace PiChassis.Controller.Mqtt;

/// <summary>A flood guard: a rate per second on average, with bursts up to a limit. Thread-safe.</summary>
public sealed class TokenBucket
{
    private readonly Lock _lock = new();
    private readonly double _ratePerSecond;
    private readonly double _burst;
    private readonly TimeProvider _time;
    private double _tokens;
    private long _last;

    public TokenBucket(double ratePerSecond, double burst, TimeProvider time)
    {
        _ratePerSecond = ratePerSecond;
        _burst = burst;
        _time = time;
        _tokens = burst;
        _last = time.GetTimestamp();
    }

    /// <summary>The tokens there are now, as a share of the burst: 1 for a bucket as good as new.</summary>
    public double Fill
    {
        get
        {
            lock (_lock)
            {
                Refill();
                return _tokens / _burst;
            }
        }
    }

    public bool TryTake()
    {
        lock (_lock)
        {
            Refill();
            if (_tokens < 1)
            {
                return false;
            }

            _tokens--;
            return true;
        }
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        _tokens = Math.Min(_burst, _tokens + (_time.GetElapsedTime(_last, now).TotalSeconds * _ratePerSecond));
        _last = now;
    }
}
