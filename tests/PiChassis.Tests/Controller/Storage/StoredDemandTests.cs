using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using PiChassis.Controller.Policy;
using PiChassis.Controller.Storage;

namespace PiChassis.Tests.Controller.Storage;

public sealed class StoredDemandTests : IDisposable
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

    private readonly TempDataDir _dir = new();
    private readonly FakeTimeProvider _time = new(Monday);
    private readonly FakeLogger<StoreDatabase> _log = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Profile_Restart_KeepsTheLearnedWave()
    {
        using (var database = StoreDatabase.Open(_dir.Path, _time, _log))
        {
            var profile = new DemandProfile(_time, TimeSpan.FromDays(35), window: 3, new StoredDemand(database));
            RecordWaves(profile, days: 3);
        }

        using var reopened = StoreDatabase.Open(_dir.Path, _time, _log);
        var restored = new DemandProfile(_time, TimeSpan.FromDays(35), window: 3, new StoredDemand(reopened));

        var forecast = restored.Predict(Monday.AddDays(3).AddHours(2));
        Assert.Equal(16, forecast.Nodes);
        Assert.Equal(3, forecast.Days);
    }

    [Fact]
    public void Profile_BeyondRetention_PrunedFromTheStore()
    {
        using var database = StoreDatabase.Open(_dir.Path, _time, _log);
        var profile = new DemandProfile(_time, TimeSpan.FromDays(1), window: 3, new StoredDemand(database));
        RecordWaves(profile, days: 3);

        var stored = new StoredDemand(database).Load();

        Assert.NotEmpty(stored);
        Assert.True(stored[0].Minute >= stored[^1].Minute - DemandProfile.MinutesPerDay, $"oldest {stored[0].Minute}, newest {stored[^1].Minute}");
    }

    /// <summary>A 16-node wave from 02:00 to 03:00 on each day, one node otherwise; recorded every minute.</summary>
    private void RecordWaves(DemandProfile profile, int days)
    {
        for (var minute = 0; minute < days * DemandProfile.MinutesPerDay; minute++)
        {
            _time.SetUtcNow(Monday.AddMinutes(minute));
            profile.Record(minute % DemandProfile.MinutesPerDay is >= 120 and < 180 ? 16 : 1);
        }
    }
}
