namespace Cyclone.EndToEnd.Tests.Cluster;

/// <summary>
/// Runs the pull workers the README shows, as they are written there, against a test cluster: the bash loop with
/// a <c>cyclone</c> on its PATH that runs the CLI under test, and the Python one with <c>python3</c>.
/// </summary>
internal static class WorkerScripts
{
    /// <summary>The first fenced block of <paramref name="language"/> in the README.</summary>
    public static string FromReadme(string language)
    {
        var lines = File.ReadAllLines(Path.Combine(CliPaths.Repository, "README.md"));
        var start = Array.IndexOf(lines, "```" + language);
        Assert.True(start >= 0, $"README.md has no ```{language} block");
        var end = Array.IndexOf(lines, "```", start + 1);
        return string.Join('\n', lines[(start + 1)..end]) + "\n";
    }

    /// <summary>Starts the README's worker in <paramref name="language"/> (bash or python) as worker <paramref name="name"/>.</summary>
    public static CycloneProcess Start(TestCluster cluster, string language, string name, string token)
    {
        var dir = Path.Combine(cluster.DataDirectory, "workers");
        var bin = Path.Combine(dir, "bin");
        Directory.CreateDirectory(bin);
        var cyclone = Path.Combine(bin, "cyclone");
        if (!File.Exists(cyclone))
        {
            File.WriteAllText(cyclone, $"#!/bin/sh\nexec dotnet '{CliPaths.CycloneDll}' \"$@\"\n");
            File.SetUnixFileMode(cyclone, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var script = Path.Combine(dir, language == "python" ? "worker.py" : "worker.sh");
        File.WriteAllText(script, FromReadme(language));
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH"),
            ["CYCLONE_HUB"] = cluster.HubUrl,
            ["CYCLONE_TOKEN"] = token,
            ["CYCLONE_WORKER"] = name,
            ["XDG_CONFIG_HOME"] = cluster.ConfigDirectory,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        return CycloneProcess.StartProgram($"{language} worker {name}", language == "python" ? "python3" : "bash", [script], environment, dir);
    }

    /// <summary>True when <paramref name="program"/> is on the PATH.</summary>
    public static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Any(d => File.Exists(Path.Combine(d, program)));
}
