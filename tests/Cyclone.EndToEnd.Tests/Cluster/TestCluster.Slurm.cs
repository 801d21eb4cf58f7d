using Cyclone.Tests.Shared;

namespace Cyclone.EndToEnd.Tests.Cluster;

internal sealed partial class TestCluster
{
    /// <summary>The directory where agents of this cluster keep their state (and the Slurm executor its job directories).</summary>
    public string AgentStateDirectory => Path.Combine(DataDirectory, "agent-state");

    /// <summary>
    /// Starts an agent with <c>--executor slurm</c> that submits to <paramref name="slurm"/>, without waiting for it to
    /// register; <paramref name="settings"/> are more variables for it (<c>CYCLONE_Agent__...</c>).
    /// </summary>
    public CycloneProcess LaunchSlurmAgent(string name, int slots, SlurmCluster slurm, string? labels = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>(AgentEnvironment)
        {
            ["CYCLONE_TOKEN"] = AgentToken,
            ["XDG_STATE_HOME"] = AgentStateDirectory,
            ["CYCLONE_Agent__Slurm__PollInterval"] = "00:00:00.500",
        };
        foreach (var (key, value) in slurm.Environment.Concat(settings ?? new Dictionary<string, string>()))
        {
            environment[key] = value;
        }

        string[] args = ["agent", "--hub", HubUrl, "--slots", $"{slots}", "--name", name, "--executor", "slurm"];
        return Track(CycloneProcess.Start($"slurm agent {name}", labels is null ? args : [.. args, "--labels", labels], environment));
    }

    /// <summary>Runs a command the way a user on the login node does: with the cluster's Slurm (<c>SLURM_CONF</c>) and the given variables.</summary>
    public CycloneProcess LaunchWithSlurm(string label, IReadOnlyList<string> args, SlurmCluster slurm, IReadOnlyDictionary<string, string> environment)
    {
        var all = new Dictionary<string, string>(environment) { ["XDG_CONFIG_HOME"] = ConfigDirectory, ["CYCLONE_TOKEN"] = AdminToken };
        foreach (var (key, value) in slurm.Environment)
        {
            all[key] = value;
        }

        return Track(CycloneProcess.Start(label, args, all));
    }
}
