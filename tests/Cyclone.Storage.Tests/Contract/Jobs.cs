using Cyclone.Core.Resources;
using Cyclone.Storage.Contract;

namespace Cyclone.Storage.Tests.Contract;

/// <summary>Builds jobs for store tests.</summary>
internal static class Jobs
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static NewJob Single(string name = "job", string user = "alice", int priority = 0, int nodes = 1) =>
        Of(name, user, 1, priority, nodes);

    public static NewJob Of(string name, string user, int tasks, int priority = 0, int nodes = 1) =>
        new(name, user, $$"""{"name":"{{name}}"}""", T0,
            Enumerable.Range(0, tasks).Select(i => Task(i, name, priority, nodes)).ToList());

    public static NewTask Task(int index, string name = "job", int priority = 0, int nodes = 1) =>
        new(index, name, new NodeDemand(2, 1L << 30, 1, ["fast"]), nodes, priority, MaxRetries: 3, TimeSpan.FromMinutes(5),
            new TaskPayload
            {
                Command = ["echo", name, index.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                ProcsPerNode = 2,
                WorkingDirectory = "/tmp",
                Environment = new Dictionary<string, string> { ["A"] = "1" },
                User = "alice",
            });
}
