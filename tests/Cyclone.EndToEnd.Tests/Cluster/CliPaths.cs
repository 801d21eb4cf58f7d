namespace Cyclone.EndToEnd.Tests.Cluster;

/// <summary>Where the built <c>cyclone</c> program is: the CLI project's output for the same configuration as these tests.</summary>
internal static class CliPaths
{
    /// <summary>The checkout these tests were built from.</summary>
    public static string Repository { get; } = TestBin().Parent!.Parent!.Parent!.Parent!.Parent!.FullName;

    public static string CycloneDll { get; } = Find();

    // bin/<Configuration>/net10.0/ of this test project
    private static DirectoryInfo TestBin() => new(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));

    private static string Find()
    {
        var testBin = TestBin();
        var framework = testBin.Name;
        var configuration = testBin.Parent!.Name;
        var dll = Path.Combine(Repository, "src", "Cyclone.Cli", "bin", configuration, framework, "cyclone.dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"The cyclone program is not built at {dll}; build the solution first.", dll);
    }
}
