namespace PiChassis.Tests.Controller.Storage;

/// <summary>A fresh data directory under the system's temp directory, removed afterwards.</summary>
internal sealed class TempDataDir : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"pichassis-test-{Guid.NewGuid():N}");

    public string StoreFile => System.IO.Path.Combine(Path, "state.db");

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
