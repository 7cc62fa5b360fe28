namespace PiChassis.Tests.TestSupport;

/// <summary>
/// Waits on the wall clock for what a real process, broker or client does (a fake clock cannot drive
/// them), checking every 50 ms; true as soon as <c>done</c> holds, false when the time is up.
/// </summary>
public static class Poll
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static Task<bool> UntilAsync(Func<bool> done, TimeSpan? timeout = null) => UntilAsync(() => Task.FromResult(done()), timeout);

    public static async Task<bool> UntilAsync(Func<Task<bool>> done, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(done);
        var start = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(start) < (timeout ?? DefaultTimeout))
        {
            if (await done())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return await done();
    }
}
