namespace PiChassis.Benchmarks;

/// <summary>Finds the repository root (the folder holding PiChassis.sln) from where the program runs.</summary>
public static class RepositoryPaths
{
    public static string? FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PiChassis.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    /// <summary>The default trace: <c>../shared/traces/faas-weekday-16.csv</c> beside the repository.</summary>
    public static string? DefaultTrace() =>
        FindRoot() is { } root ? Path.GetFullPath(Path.Combine(root, "..", "shared", "traces", "faas-weekday-16.csv")) : null;
}
