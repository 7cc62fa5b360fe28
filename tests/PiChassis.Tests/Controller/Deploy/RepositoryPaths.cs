namespace PiChassis.Tests.Controller.Deploy;

/// <summary>Files of the repository the tests read (deploy assets), found from the test binaries upwards.</summary>
internal static class RepositoryPaths
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PiChassis.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("the repository root (PiChassis.sln) was not found");
        }
    }

    public static string Deploy(params string[] parts) => Path.Combine([Root, "controller", "deploy", .. parts]);
}
