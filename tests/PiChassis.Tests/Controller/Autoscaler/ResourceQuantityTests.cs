using PiChassis.Controller.Autoscaler;

namespace PiChassis.Tests.Controller.Autoscaler;

public class ResourceQuantityTests
{
    [Theory]
    [InlineData(4000, "4")]
    [InlineData(3900, "3900m")]
    [InlineData(100, "100m")]
    [InlineData(0, "0")]
    public void Cpu_Millicores_CanonicalText(int millicores, string expected)
    {
        Assert.Equal(expected, ResourceQuantity.Cpu(millicores));
    }

    [Theory]
    [InlineData(3796, "3796Mi")]
    [InlineData(4096, "4Gi")]
    [InlineData(7936, "7936Mi")]
    [InlineData(1024 * 1024, "1Ti")]
    [InlineData(1024 * 1024 * 1024, "1Pi")]
    [InlineData(0, "0")]
    public void Memory_Mebibytes_LargestExactSuffix(int mebibytes, string expected)
    {
        Assert.Equal(expected, ResourceQuantity.Memory(mebibytes));
    }

    [Fact]
    public void Cpu_Negative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ResourceQuantity.Cpu(-1));
    }
}
