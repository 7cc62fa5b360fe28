namespace PiChassis.Tests.TestSupport;

/// <summary>Where the repository's own files are, found from the test binaries upwards.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Deploy => Path.Combine(Root, "controller", "deploy");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PiChassis.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No PiChassis.sln above {AppContext.BaseDirectory}.");
    }
}
