using System.Text;
using System.Text.Json.Nodes;

namespace Cyclone.Core.Tests.Fuzz;

/// <summary>
/// Valid workflows drawn from a seeded <see cref="Random"/>: command, typed (math.Power) and event nodes with every
/// resource field in range, control and data edges that only point forward (so there is no cycle), and triggers.
/// </summary>
internal static class FuzzWorkflows
{
    private static readonly string[] Conditions = ["afterok", "afterany", "afternotok"];
    private static readonly string[] Memories = ["512M", "4G", "1", "64K", "1T", "100MiB", "0"];
    private static readonly string[] TimeLimits = ["1", "1:30", "2:03:04", "1-2", "3-04:05:06", "UNLIMITED", "0"];

    /// <summary>A native workflow of <paramref name="count"/> nodes; also the node names and how many edges it has.</summary>
    public static (string Json, List<string> Names, int Edges) Native(int seed, int count)
    {
        var rng = new Random(seed);
        var names = Enumerable.Range(0, count).Select(i => Name(rng, i)).ToList();
        var kinds = names.Select((_, i) => i == 0 ? 0 : rng.Next(3)).ToArray(); // 0 command, 1 math.Power, 2 event
        var nodes = new JsonArray();
        var powerBaseFed = new bool[count];
        var edges = new JsonArray();
        for (var to = 1; to < count; to++)
        {
            if (kinds[to] == 2)
            {
                continue; // an event node has no incoming edges
            }

            foreach (var from in Enumerable.Range(0, to).Where(_ => rng.Next(4) == 0))
            {
                var edge = new JsonObject { ["from"] = names[from], ["to"] = names[to] };
                var output = kinds[from] switch { 0 => "out", 1 => "result", _ => "data" };
                var data = rng.Next(2) == 0 && (kinds[to] == 0 || !powerBaseFed[to]);
                if (data)
                {
                    edge["output"] = output;
                    edge["input"] = kinds[to] == 0 ? "in" : "base";
                    powerBaseFed[to] |= kinds[to] == 1;
                }
                else if (rng.Next(2) == 0)
                {
                    edge["condition"] = Conditions[rng.Next(Conditions.Length)];
                }

                edges.Add(edge);
            }
        }

        for (var i = 0; i < count; i++)
        {
            nodes.Add(Node(rng, names[i], kinds[i], i, powerBaseFed[i]));
        }

        var root = new JsonObject { ["name"] = "fuzz", ["nodes"] = nodes, ["edges"] = edges };
        if (rng.Next(2) == 0)
        {
            root["description"] = "a workflow \u00E9\U0001F600";
            root["triggers"] = new JsonObject { ["events"] = new JsonArray("build.done", "a:b_c-1") };
        }

        return (root.ToJsonString(), names, edges.Count);
    }

    /// <summary>A task file of <paramref name="count"/> tasks whose dependencies follow a random order (so no cycle).</summary>
    public static (string Text, List<string> Names, int Edges) TaskFile(int seed, int count)
    {
        var rng = new Random(seed);
        var names = Enumerable.Range(0, count).Select(i => rng.Next(3) == 0 ? $"t\u00E9{i}" : $"task-{i}").ToList();
        var order = names.OrderBy(_ => rng.Next()).ToList();
        var text = new StringBuilder();
        var edges = 0;
        var newline = rng.Next(2) == 0 ? "\n" : "\r\n";
        foreach (var name in names)
        {
            var rank = order.IndexOf(name);
            var deps = order.Take(rank).Where(_ => rng.Next(3) == 0).Select(d => rng.Next(3) switch { 0 => d, 1 => "afterany:" + d, _ => "afternotok:" + d }).ToList();
            edges += deps.Count;
            if (rng.Next(4) == 0)
            {
                text.Append("# a comment, with a , and a :").Append(newline).Append("   ").Append(newline);
            }

            text.Append(rng.Next(4) == 0 ? "  " : "").Append(string.Join(',', [name, .. deps])).Append(rng.Next(2) == 0 ? " " : "\t ")
                .Append("echo \"hello, world\" && sleep 0 # not a comment").Append(newline);
        }

        return (text.ToString(), names, edges);
    }

    private static string Name(Random rng, int i) => rng.Next(4) switch
    {
        0 => $"n{i}",
        1 => $"\u00F1odo {i} \U0001F600",
        2 => $"{new string('x', 190)}{i:D5}",
        _ => $"step.{i}",
    };

    private static JsonObject Node(Random rng, string name, int kind, int index, bool baseFed)
    {
        var node = new JsonObject { ["name"] = name };
        switch (kind)
        {
            case 0:
                node["command"] = new JsonArray("/bin/sh", "-c", "echo $CYCLONE_INPUTS");
                node["outputs"] = rng.Next(2) == 0 ? new JsonObject { ["out"] = "integer" } : new JsonObject { ["out"] = new JsonObject { ["type"] = "number" } };
                node["inputPorts"] = new JsonObject { ["in"] = new JsonObject { ["type"] = "number", ["multi"] = true } };
                node["inputs"] = new JsonObject { ["fixed"] = "value" };
                break;
            case 1:
                node["task"] = "math.Power";
                node["inputs"] = baseFed ? new JsonObject { ["exponent"] = 2 } : new JsonObject { ["base"] = 1.5, ["exponent"] = 2 };
                break;
            default:
                node["event"] = $"ev.{index}";
                break;
        }

        if (rng.Next(2) == 0)
        {
            node["nodes"] = rng.Next(1, 10_001);
            node["procs"] = rng.Next(1, 10_001);
            node["cpus"] = rng.Next(1, 10_001);
            node["gpus"] = rng.Next(0, 1025);
            node["retries"] = rng.Next(0, 101);
            node["priority"] = rng.Next(int.MinValue, int.MaxValue);
            node["memory"] = Memories[rng.Next(Memories.Length)];
            node["timeLimit"] = TimeLimits[rng.Next(TimeLimits.Length)];
            node["labels"] = new JsonArray("gpu", "big-memory");
            node["workdir"] = "/tmp/work dir";
            node["env"] = new JsonObject { ["A"] = "1", ["EMPTY"] = "" };
        }

        return node;
    }
}
