namespace Cyclone.EndToEnd.Tests.Cluster;

/// <summary>Where the built <c>cyclone</c> program is: the CLI project's output for the same configuration as these tests.</summary>
internal static class CliPaths
{
    public static string CycloneDll { get; } = Find();

    private static string Find()
    {
        // bin/<Configuration>/net10.0/ of this test project
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testBin.Name;
        var configuration = testBin.Parent!.Name;
        var repo = testBin.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(repo, "src", "Cyclone.Cli", "bin", configuration, framework, "cyclone.dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"The cyclone program is not built at {dll}; build the solution first.", dll);
    }
}
