namespace PiChassis.Benchmarks;

/// <summary>
/// A job array on the chassis, as the batch generators lay it down: <c>width</c> lanes, each
/// starting within a few minutes of <c>start</c> and running tasks of 3–15 minutes with short gaps
/// until somewhere in the last 40 % of <c>duration</c>.
/// </summary>
internal static class JobArray
{
    public static void Place(int[] nodes, Random random, int start, int width, int duration)
    {
        // Seeded System.Random is reproducible; the trace is test data, not security.
#pragma warning disable CA5394
        for (var lane = 0; lane < width; lane++)
        {
            var end = start + (duration * (0.6 + (0.4 * random.NextDouble())));
            for (var minute = start + random.Next(0, 4); minute < end && minute < nodes.Length;)
            {
                var task = random.Next(3, 16);
                for (var m = minute; m < minute + task && m < end && m < nodes.Length; m++)
                {
                    nodes[m]++;
                }

                minute += task + (random.NextDouble() < 0.3 ? random.Next(1, 5) : 0);
            }
        }
#pragma warning restore CA5394
    }
}
