using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using PiChassis.Controller.Storage;

namespace PiChassis.Tests.Controller.Storage;

public sealed class StoredPowerOnsTests : IDisposable
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

    private readonly TempDataDir _dir = new();
    private readonly FakeTimeProvider _time = new(Monday);
    private readonly FakeLogger<StoreDatabase> _log = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Save_Reopened_KeptWithSlotAndTime()
    {
        using (var database = StoreDatabase.Open(_dir.Path, _time, _log))
        {
            var powerOns = new StoredPowerOns(database);
            powerOns.Save(3, Monday.AddHours(1), Monday);
            powerOns.Save(5, Monday.AddHours(2), Monday);
        }

        using var reopened = StoreDatabase.Open(_dir.Path, _time, _log);

        Assert.Equal([(3, Monday.AddHours(1)), (5, Monday.AddHours(2))], new StoredPowerOns(reopened).Load());
    }

    [Fact]
    public void Save_OlderThanKeepFrom_Deleted()
    {
        using (var database = StoreDatabase.Open(_dir.Path, _time, _log))
        {
            var powerOns = new StoredPowerOns(database);
            powerOns.Save(1, Monday, Monday);
            powerOns.Save(1, Monday.AddHours(20), Monday);
            powerOns.Save(2, Monday.AddHours(30), Monday.AddHours(6));
        }

        using var reopened = StoreDatabase.Open(_dir.Path, _time, _log);

        Assert.Equal([(1, Monday.AddHours(20)), (2, Monday.AddHours(30))], new StoredPowerOns(reopened).Load());
    }
}
