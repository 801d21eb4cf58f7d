using System.Globalization;

namespace Cyclone.Agent.Executors.Slurm;

/// <summary>What a Slurm agent offers the hub beyond its slots: the memory, GPUs and number of the cluster's nodes, from <c>sinfo</c>.</summary>
public static class SlurmCapacity
{
    /// <summary>The <c>sinfo -h -N -o</c> format: node, memory in MB, generic resources.</summary>
    public const string SinfoFormat = "%N|%m|%G";

    /// <summary>Total memory (bytes), GPUs and number of the distinct nodes in <c>sinfo -h -N -o <see cref="SinfoFormat"/></c> output.</summary>
    public static (long MemoryBytes, int Gpus, int Nodes) Parse(string output)
    {
        var nodes = new Dictionary<string, (long Memory, int Gpus)>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split('|');
            if (fields.Length == 3 && long.TryParse(fields[1].TrimEnd('+'), NumberStyles.None, CultureInfo.InvariantCulture, out var mb))
            {
                nodes[fields[0]] = (mb * 1024 * 1024, Gpus(fields[2]));
            }
        }

        return (nodes.Values.Sum(n => n.Memory), nodes.Values.Sum(n => n.Gpus), nodes.Count);
    }

    /// <summary>GPUs in a gres list such as <c>gpu:a100:4(S:0-1),gpu:2</c>; 0 for <c>(null)</c>.</summary>
    internal static int Gpus(string gres)
    {
        var total = 0;
        foreach (var entry in gres.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split('(')[0].Split(':');
            if (parts[0] == "gpu" && parts.Length >= 2 && int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                total += count;
            }
        }

        return total;
    }

    /// <summary>Asks sinfo; null when it fails (the agent then offers what its own host has).</summary>
    public static async Task<(long MemoryBytes, int Gpus, int Nodes)?> DetectAsync(ISlurmCommands commands, CancellationToken ct)
    {
        var result = await commands.RunAsync("sinfo", ["-h", "-N", "-o", SinfoFormat], null, ct);
        return result.Succeeded ? Parse(result.Stdout) : null;
    }
}
