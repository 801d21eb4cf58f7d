using System.Globalization;
using Cyclone.Core.Resources;
using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;
using Cyclone.Protocol.Rest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cyclone.Hub.Api;

/// <summary><c>GET /api/v1/queue/classes</c>: the queue's depth by resource class (slots, memory, GPUs, labels).</summary>
public static class QueueClassEndpoint
{
    /// <summary>The most classes answered (the deepest first); the rest are summed into one "other" class.</summary>
    public const int MaxClasses = 50;

    public static RouteGroupBuilder MapQueueClassEndpoint(this RouteGroupBuilder api)
    {
        api.MapGet("/queue/classes", ClassesAsync).WithTags("Operations")
            .WithSummary("Tasks waiting (PENDING and BLOCKED) grouped by what they ask for: slots, memory, GPUs and labels; the deepest classes first (counted at most every 2 s).");
        return api;
    }

    internal static async Task<Ok<List<QueueClassDto>>> ClassesAsync(QueueClassCache cache, CancellationToken ct) =>
        TypedResults.Ok(await cache.GetAsync(ct));

    /// <summary>Counts the waiting tasks by demand: one pass over the active tasks, on the loop.</summary>
    internal static List<QueueClassDto> Group(SchedulerState state)
    {
        var counts = new Dictionary<(int Slots, long Memory, int Gpus, string Labels), (NodeDemand Demand, int Pending, int Blocked)>();
        foreach (var task in state.ActiveTasks)
        {
            if (task.State is not (TaskState.Pending or TaskState.Blocked))
            {
                continue;
            }

            var d = task.Demand;
            var key = (d.Slots, d.MemoryBytes, d.Gpus, string.Join(',', d.Labels.Order(StringComparer.Ordinal)));
            var c = counts.TryGetValue(key, out var known) ? known : (Demand: d, Pending: 0, Blocked: 0);
            counts[key] = task.State == TaskState.Pending ? (c.Demand, c.Pending + 1, c.Blocked) : (c.Demand, c.Pending, c.Blocked + 1);
        }

        var ordered = counts.Values.OrderByDescending(c => c.Pending + c.Blocked).ThenBy(c => Describe(c.Demand), StringComparer.Ordinal).ToList();
        var shown = ordered.Take(MaxClasses).Select(c => new QueueClassDto(
            Describe(c.Demand), [.. c.Demand.Labels.Order(StringComparer.Ordinal)], c.Demand.Slots, c.Demand.MemoryBytes, c.Demand.Gpus, c.Pending, c.Blocked)).ToList();
        if (ordered.Count > MaxClasses)
        {
            var rest = ordered.Skip(MaxClasses).ToList();
            shown.Add(new QueueClassDto($"{rest.Count} other classes", [], 0, 0, 0, rest.Sum(c => c.Pending), rest.Sum(c => c.Blocked)));
        }

        return shown;
    }

    /// <summary>A class as people read it: <c>4 slots, 8 GiB, 1 GPU [gpu,ssd]</c>.</summary>
    public static string Describe(NodeDemand d)
    {
        var parts = new List<string> { d.Slots == 1 ? "1 slot" : $"{d.Slots} slots" };
        if (d.MemoryBytes > 0)
        {
            parts.Add(d.MemoryBytes % (1L << 30) == 0
                ? string.Create(CultureInfo.InvariantCulture, $"{d.MemoryBytes >> 30} GiB")
                : string.Create(CultureInfo.InvariantCulture, $"{d.MemoryBytes >> 20} MiB"));
        }

        if (d.Gpus > 0)
        {
            parts.Add(d.Gpus == 1 ? "1 GPU" : $"{d.Gpus} GPUs");
        }

        var text = string.Join(", ", parts);
        return d.Labels.Count == 0 ? text : $"{text} [{string.Join(',', d.Labels.Order(StringComparer.Ordinal))}]";
    }
}
