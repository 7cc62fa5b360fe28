using PiChassis.Controller.Configuration;

namespace PiChassis.Tests.Controller.Configuration;

public class ControllerOptionsValidatorTests
{
    [Fact]
    public void Validate_StorageDefaults_AreValid()
    {
        var result = new ControllerOptionsValidator().Validate(null, new StorageOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_FourStorageMistakes_ListsEveryOne()
    {
        var options = new StorageOptions
        {
            DataDir = " ",
            EnergyFlushInterval = TimeSpan.FromMilliseconds(200),
            JournalMaxAge = TimeSpan.FromMinutes(5),
            JournalMaxEvents = 10,
        };

        var result = new ControllerOptionsValidator().Validate(null, options);

        Assert.Equal(4, result.Failures!.Count());
    }
}
