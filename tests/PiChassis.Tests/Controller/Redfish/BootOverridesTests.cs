using PiChassis.Controller.Redfish;

namespace PiChassis.Tests.Controller.Redfish;

public sealed class BootOverridesTests
{
    private static readonly BootOverride Pxe = new("Once", "Pxe", "UEFI");
    private static readonly BootOverride Disk = new("Continuous", "Hdd", "UEFI");

    [Fact]
    public void TrySet_TwoWritersThatSawTheSameValue_OnlyTheFirstWins()
    {
        var boots = new BootOverrides();
        var seen = boots[3];

        Assert.True(boots.TrySet(3, seen, Pxe));
        Assert.False(boots.TrySet(3, seen, Disk));

        Assert.Equal(Pxe, boots[3]);
        Assert.Equal(BootOverride.None, boots[4]);
    }

    [Fact]
    public void TrySet_AfterAChange_WinsWithTheNewValueSeen()
    {
        var boots = new BootOverrides();
        boots.Set(3, Pxe);

        Assert.False(boots.TrySet(3, BootOverride.None, Disk));
        Assert.True(boots.TrySet(3, Pxe, Disk));

        Assert.Equal(Disk, boots[3]);
    }
}
