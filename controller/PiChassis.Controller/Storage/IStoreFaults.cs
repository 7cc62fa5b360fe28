namespace PiChassis.Controller.Storage;

/// <summary>
/// A seam for tests to make the store slow or broken (an SD card that stalls, a disk that fails):
/// called on the store's writer before each commit. The controller registers none.
/// </summary>
public interface IStoreFaults
{
    void BeforeCommit();
}
