using Microsoft.Extensions.Time.Testing;
using PiChassis.Controller.Policy;
using PiChassis.Tests.Controller.Storage;

namespace PiChassis.Tests.Controller.Policy;

public class DemandProfileTests
{
    // A Monday, midnight UTC (the fake clock's local time zone).
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset Friday = Monday.AddDays(4);

    private readonly FakeTimeProvider _time = new(Monday);

    [Fact]
    public void Predict_EmptyProfile_PredictsNothing()
    {
        var profile = NewProfile();

        var forecast = profile.Predict(Monday.AddHours(2));

        Assert.Equal(0, forecast.Nodes);
        Assert.Equal(0, forecast.Confidence);
        Assert.Equal(0, forecast.Days);
    }

    [Fact]
    public void Upcoming_FromWithinAMinute_EachForecastIsForItsMinutesStart()
    {
        var profile = NewProfile();
        RecordDay(profile, 0, m => m is >= 120 and < 180 ? 16 : 1);
        var from = Monday.AddDays(1).AddHours(2).AddSeconds(36.9);

        var upcoming = profile.Upcoming(from, 3);

        Assert.Equal([0, 1, 2], upcoming.Select(f => (f.At - Monday.AddDays(1).AddHours(2)).TotalMinutes));
        Assert.Equal(Monday.AddDays(1).AddHours(2), profile.Predict(from.AddSeconds(10)).At);
    }

    [Fact]
    public void Predict_NightlyWave_PredictedFromDayTwoWithRisingConfidence()
    {
        var profile = NewProfile();
        var confidences = new List<double>();
        for (var day = 0; day < 5; day++)
        {
            var wave = Monday.AddDays(day).AddHours(2);
            confidences.Add(profile.Predict(wave).Confidence);
            Assert.Equal(day == 0 ? 0 : 16, profile.Predict(wave).Nodes);
            RecordDay(profile, day, m => m is >= 120 and < 180 ? 16 : 1);
        }

        Assert.Equal(0, confidences[0]);
        Assert.Equal(0.5, confidences[1], 3);
        Assert.True(confidences.Skip(1).Zip(confidences.Skip(2)).All(p => p.Second > p.First), string.Join(", ", confidences));
        Assert.Equal(1, profile.Predict(Monday.AddDays(4).AddHours(4)).Nodes);
    }

    [Fact]
    public void Predict_RandomDemand_LowConfidence()
    {
        var profile = NewProfile();
        var random = new Random(7);
        var values = Enumerable.Range(0, 5).Select(_ => Enumerable.Range(0, DemandProfile.MinutesPerDay).Select(_ => random.Next(0, 17)).ToArray()).ToArray();
        for (var day = 0; day < 5; day++)
        {
            RecordDay(profile, day, m => values[day][m]);
        }

        var confident = Enumerable.Range(0, 24 * 60).Count(m => profile.Predict(Monday.AddDays(5).AddMinutes(m)).Confidence >= 0.5);

        Assert.True(confident < 24, $"{confident} confident minutes of {24 * 60}");
    }

    [Fact]
    public void Predict_WaveThatStopped_Forgotten()
    {
        var profile = NewProfile();
        for (var day = 0; day < 7; day++)
        {
            RecordDay(profile, day, m => day < 2 && m is >= 120 and < 180 ? 16 : 0);
        }

        // Of the five weekdays before the next Monday, the wave came on two: the median has let it go.
        Assert.Equal(0, profile.Predict(Monday.AddDays(7).AddHours(2)).Nodes);
    }

    [Fact]
    public void Predict_Weekend_NotFromWeekdays()
    {
        var profile = NewProfile();
        for (var day = 0; day < 5; day++)
        {
            RecordDay(profile, day, m => m is >= 120 and < 180 ? 16 : 0);
        }

        Assert.Equal(0, profile.Predict(Monday.AddDays(5).AddHours(2)).Days);
        Assert.Equal(5, profile.Predict(Monday.AddDays(7).AddHours(2)).Days);
    }

    [Fact]
    public void Predict_WeeklyWave_LearnedForItsWeekdayAlone()
    {
        // Monday reports at 02:00 for three weeks; the other weekdays are quiet at that hour.
        var profile = NewProfile();
        for (var day = 0; day < 21; day++)
        {
            RecordDay(profile, day, m => day % 7 == 0 && m is >= 120 and < 180 ? 8 : 0);
        }

        var monday = profile.Predict(Monday.AddDays(21).AddHours(2));
        Assert.Equal(8, monday.Nodes);
        Assert.Equal(3, monday.Days);
        Assert.Equal(0, profile.Predict(Monday.AddDays(22).AddHours(2)).Nodes);
    }

    [Fact]
    public void Predict_WeeklyWaveSeenOnce_NotYetTakenOverTheWeekdays()
    {
        var profile = NewProfile();
        for (var day = 0; day < 7; day++)
        {
            RecordDay(profile, day, m => day == 0 && m is >= 120 and < 180 ? 8 : 0);
        }

        Assert.Equal(0, profile.Predict(Monday.AddDays(7).AddHours(2)).Nodes);
    }

    [Fact]
    public void Record_MoreThanRetention_OlderDaysPruned()
    {
        var profile = new DemandProfile(_time, TimeSpan.FromDays(2), window: 3);
        for (var day = 0; day < 4; day++)
        {
            RecordDay(profile, day, _ => 3);
        }

        Assert.True(profile.Count <= 3 * DemandProfile.MinutesPerDay, $"{profile.Count} minutes kept");
        Assert.Equal(2, profile.Predict(Monday.AddDays(4).AddHours(2)).Days);
    }

    [Fact]
    public void Record_ClockJumpsBack_KeepsEachMinutesHighest()
    {
        // The wall clock (an NTP sync on a Pi without a real-time clock) goes back to 02:00 the same day.
        var clock = new JumpingWallClock(_time);
        var profile = new DemandProfile(clock, TimeSpan.FromDays(35), window: 3);
        RecordDay(profile, 0, m => m is >= 120 and < 180 ? 16 : 0);
        clock.Jump(TimeSpan.FromHours(2) - (_time.GetUtcNow() - Monday));
        profile.Record(2);
        clock.Jump(TimeSpan.FromMinutes(1));
        profile.Record(2);

        Assert.Equal(16, profile.Predict(Monday.AddDays(1).AddHours(2)).Nodes);
        Assert.Equal(1, profile.Predict(Monday.AddDays(1).AddHours(2)).Days);
    }

    [Fact]
    public void Record_ClockJumpsADayAheadAndBack_TheWaveStaysAndTheStrayMinutesAreOutvoted()
    {
        // An NTP step of a whole day forwards for ten minutes on Thursday morning, then back.
        var clock = new JumpingWallClock(_time);
        var profile = new DemandProfile(clock, TimeSpan.FromDays(35), window: 3);
        for (var day = 0; day < 5; day++)
        {
            for (var minute = 0; minute < DemandProfile.MinutesPerDay; minute++)
            {
                _time.SetUtcNow(Monday.AddDays(day).AddMinutes(minute));
                var jumped = day == 3 && minute is >= 600 and < 610;
                clock.Jump(jumped && minute == 600 ? TimeSpan.FromDays(1) : !jumped && day == 3 && minute == 610 ? -TimeSpan.FromDays(1) : TimeSpan.Zero);
                profile.Record(minute is >= 120 and < 180 ? 16 : jumped ? 5 : 0);
            }
        }

        // The next Monday: the nightly wave as every weekday had it, and nothing at 10:00, where one
        // day (Friday, 10 minutes filed a day ahead) is outvoted by the other four.
        Assert.Equal(16, profile.Predict(Monday.AddDays(7).AddHours(2)).Nodes);
        Assert.Equal(0, profile.Predict(Monday.AddDays(7).AddHours(10)).Nodes);
        Assert.True(profile.Count <= 5 * DemandProfile.MinutesPerDay, $"{profile.Count} minutes kept");
    }

    [Fact]
    public void Predict_TodayRunsLate_WaveForecastAtItsLateTime()
    {
        var profile = NewProfile();
        RecordSteadyWeek(profile, lateBy: 8, heavier: 1);

        // Today's wave comes at 09:08 and lasts to 09:38, as the morning so far was 8 minutes late.
        Assert.InRange(profile.Predict(Friday.AddHours(9).AddMinutes(1)).Nodes, 1, 3);
        Assert.Equal(12, profile.Predict(Friday.AddHours(9).AddMinutes(8)).Nodes);
        Assert.Equal(12, profile.Predict(Friday.AddHours(9).AddMinutes(36)).Nodes);
        Assert.True(profile.Predict(Friday.AddHours(9).AddMinutes(8)).Aligned);
    }

    [Fact]
    public void Predict_HeavierDay_WaveScaled()
    {
        var profile = NewProfile();
        RecordSteadyWeek(profile, lateBy: 0, heavier: 1.5);

        Assert.Equal(18, profile.Predict(Friday.AddHours(9).AddMinutes(10)).Nodes);
    }

    [Fact]
    public void Predict_TodayTooLittleRecorded_PastDaysReadAsTheyWere()
    {
        var profile = NewProfile();
        RecordSteadyWeek(profile, lateBy: 8, heavier: 1, recordedFrom: 8 * 60);

        // An hour of today is too little to tell a lag: the wave where it was, ± the window.
        var forecast = profile.Predict(Friday.AddHours(9).AddMinutes(1));
        Assert.Equal(12, forecast.Nodes);
        Assert.False(forecast.Aligned);
        Assert.InRange(profile.Predict(Friday.AddHours(9).AddMinutes(36)).Nodes, 1, 3);
    }

    [Fact]
    public void Predict_AfterRestart_SameAlignedForecast()
    {
        var history = new MemoryDemandHistory();
        var profile = NewProfile(history);
        RecordSteadyWeek(profile, lateBy: 8, heavier: 1);
        var before = profile.Upcoming(Friday.AddHours(9), 60);

        var restarted = NewProfile(history);

        Assert.Equal(before, restarted.Upcoming(Friday.AddHours(9), 60));
        Assert.InRange(restarted.Predict(Friday.AddHours(9).AddMinutes(1)).Nodes, 1, 3);
    }

    private DemandProfile NewProfile(IDemandHistory? history = null) => new(_time, TimeSpan.FromDays(35), window: 3, history);

    /// <summary>Records one day, minute by minute, as the policy does each time it acts.</summary>
    private void RecordDay(DemandProfile profile, int day, Func<int, int> nodesAt)
    {
        for (var minute = 0; minute < DemandProfile.MinutesPerDay; minute++)
        {
            _time.SetUtcNow(Monday.AddDays(day).AddMinutes(minute));
            profile.Record(nodesAt(minute));
        }
    }

    /// <summary>
    /// Monday to Thursday: steady work (1 to 3 nodes, at random) and a wave of 12 nodes from 09:00 to
    /// 09:30; Friday the same day <paramref name="lateBy"/> minutes late and <paramref name="heavier"/>
    /// times as heavy, recorded from <paramref name="recordedFrom"/> to 08:55, where the clock stays.
    /// </summary>
    private void RecordSteadyWeek(DemandProfile profile, int lateBy, double heavier, int recordedFrom = 0)
    {
        var random = new Random(5);
        var steady = Enumerable.Range(0, DemandProfile.MinutesPerDay).Select(_ => random.Next(1, 4)).ToArray();
        int Usual(int minute) => minute is >= 540 and < 570 ? 12 : steady[minute];
        for (var day = 0; day < 4; day++)
        {
            RecordDay(profile, day, Usual);
        }

        for (var minute = recordedFrom; minute <= 535; minute++)
        {
            _time.SetUtcNow(Friday.AddMinutes(minute));
            profile.Record((int)Math.Round(Usual(Math.Max(0, minute - lateBy)) * heavier));
        }
    }
}
