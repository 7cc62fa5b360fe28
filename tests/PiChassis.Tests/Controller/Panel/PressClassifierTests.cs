using Microsoft.Extensions.Time.Testing;
using PiChassis.Controller.Panel;
using PiChassis.Hardware;

namespace PiChassis.Tests.Controller.Panel;

public sealed class PressClassifierTests : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(400);
    private readonly FakeTimeProvider _time = new();
    private readonly List<PressGesture> _gestures = [];
    private PressClassifier? _classifier;

    public void Dispose() => _classifier?.Dispose();

    [Fact]
    public void OnEdge_ShortPress_ReportedOnceTheDoubleWindowHasPassed()
    {
        var classifier = Slot();

        Hold(classifier, TimeSpan.FromMilliseconds(150));
        _time.Advance(Window - TimeSpan.FromMilliseconds(1));
        var beforeWindow = _gestures.Count;
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(0, beforeWindow);
        Assert.Equal([PressGesture.ShortPress], _gestures);
    }

    [Fact]
    public void OnEdge_SecondPressWithinWindow_OneDoublePress()
    {
        var classifier = Slot();

        Hold(classifier, TimeSpan.FromMilliseconds(100));
        _time.Advance(TimeSpan.FromMilliseconds(300));
        Hold(classifier, TimeSpan.FromMilliseconds(100));
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal([PressGesture.DoublePress], _gestures);
    }

    [Fact]
    public void OnEdge_SecondPressAfterWindow_TwoShortPresses()
    {
        var classifier = Slot();

        Hold(classifier, TimeSpan.FromMilliseconds(100));
        _time.Advance(Window);
        Hold(classifier, TimeSpan.FromMilliseconds(100));
        _time.Advance(Window);

        Assert.Equal([PressGesture.ShortPress, PressGesture.ShortPress], _gestures);
    }

    [Fact]
    public void OnEdge_HeldToThreshold_LongPressWhileHeldAndNothingOnRelease()
    {
        var classifier = Slot();

        classifier.OnEdge(new ButtonEdge(true, _time.GetUtcNow()));
        _time.Advance(TimeSpan.FromSeconds(3));
        var whileHeld = _gestures.ToList();
        _time.Advance(TimeSpan.FromSeconds(2));
        classifier.OnEdge(new ButtonEdge(false, _time.GetUtcNow()));
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal([PressGesture.LongPress], whileHeld);
        Assert.Equal([PressGesture.LongPress], _gestures);
    }

    [Fact]
    public void OnEdge_JustUnderThreshold_ShortPress()
    {
        var classifier = Slot();

        Hold(classifier, TimeSpan.FromSeconds(3) - TimeSpan.FromMilliseconds(1));
        _time.Advance(Window);

        Assert.Equal([PressGesture.ShortPress], _gestures);
    }

    [Theory]
    [InlineData(200, PressGesture.ShortPress)]
    [InlineData(5_000, PressGesture.LongPress)]
    [InlineData(9_999, PressGesture.LongPress)]
    [InlineData(12_000, PressGesture.VeryLongPress)]
    public void OnEdge_MasterHolds_OneGestureEach(int holdMs, PressGesture expected)
    {
        var classifier = Master();

        Hold(classifier, TimeSpan.FromMilliseconds(holdMs));
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal([expected], _gestures);
    }

    [Fact]
    public void OnEdge_MasterHeldTenSeconds_VeryLongWhileStillHeld()
    {
        var classifier = Master();

        classifier.OnEdge(new ButtonEdge(true, _time.GetUtcNow()));
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal([PressGesture.VeryLongPress], _gestures);
    }

    [Fact]
    public void OnEdge_ReleaseWithoutPress_Ignored()
    {
        var classifier = Slot();

        classifier.OnEdge(new ButtonEdge(false, _time.GetUtcNow()));
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Empty(_gestures);
    }

    private PressClassifier Slot() => Listen(new PressClassifier(_time, TimeSpan.FromSeconds(3), doublePressWindow: Window));

    private PressClassifier Master() => Listen(new PressClassifier(_time, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)));

    private PressClassifier Listen(PressClassifier classifier)
    {
        _classifier = classifier;
        classifier.Pressed += (_, gesture) => _gestures.Add(gesture);
        return classifier;
    }

    private void Hold(PressClassifier classifier, TimeSpan hold)
    {
        classifier.OnEdge(new ButtonEdge(true, _time.GetUtcNow()));
        _time.Advance(hold);
        classifier.OnEdge(new ButtonEdge(false, _time.GetUtcNow()));
    }
}
