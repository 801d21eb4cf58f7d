using Cyclone.Core.Parsing;
using Cyclone.Protocol.Dwork;

namespace Cyclone.Hub.Dwork;

/// <summary>
/// Checks the tasks of a Create before anything is stored: names given, unique in the message and among the tasks
/// the hub has, predecessors that exist (in the message or from earlier Creates), and no cycle. Orders them so that
/// every predecessor in the message comes before the tasks that wait for it.
/// </summary>
internal static class DworkGraph
{
    public const int MaxTasks = 100_000;

    public const int MaxNameLength = 4000;

    /// <summary>The tasks in dependency order, or null with <paramref name="error"/> saying what is wrong.</summary>
    public static List<TaskMsg>? Order(IReadOnlyList<TaskMsg> tasks, Func<string, bool> exists, out string? error)
    {
        error = Check(tasks, exists);
        if (error is not null)
        {
            return null;
        }

        var byName = tasks.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var waiting = tasks.ToDictionary(t => t.Name, t => t.Pred.Select(p => p.Name).Where(byName.ContainsKey).Distinct(StringComparer.Ordinal).Count(), StringComparer.Ordinal);
        var successors = tasks.SelectMany(t => t.Pred.Where(p => byName.ContainsKey(p.Name)).Select(p => (Pred: p.Name, Task: t.Name)))
            .Distinct().ToLookup(e => e.Pred, e => e.Task, StringComparer.Ordinal);
        var ready = new Queue<string>(tasks.Where(t => waiting[t.Name] == 0).Select(t => t.Name));
        var ordered = new List<TaskMsg>(tasks.Count);
        while (ready.TryDequeue(out var name))
        {
            ordered.Add(byName[name]);
            foreach (var next in successors[name])
            {
                if (--waiting[next] == 0)
                {
                    ready.Enqueue(next);
                }
            }
        }

        if (ordered.Count < tasks.Count)
        {
            var cycle = tasks.Where(t => waiting[t.Name] > 0).Take(5).Select(t => Excerpt.Of(t.Name, 100));
            error = $"the tasks wait for each other in a cycle (among {string.Join(", ", cycle)})";
            return null;
        }

        return ordered;
    }

    private static string? Check(IReadOnlyList<TaskMsg> tasks, Func<string, bool> exists)
    {
        if (tasks.Count is 0 or > MaxTasks)
        {
            return $"a Create holds 1 to {MaxTasks} tasks (this one {tasks.Count})";
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var task in tasks)
        {
            if (task.Name.Length is 0 or > MaxNameLength || task.Origin.Length is 0 or > MaxNameLength)
            {
                return $"task '{Excerpt.Of(task.Name, 100)}': the name and the origin must be 1 to {MaxNameLength} characters";
            }

            if (!names.Add(task.Name) || exists(task.Name))
            {
                return $"task '{Excerpt.Of(task.Name, 100)}' exists already: task names are unique";
            }
        }

        foreach (var task in tasks)
        {
            foreach (var pred in task.Pred)
            {
                if (pred.Name == task.Name)
                {
                    return $"task '{Excerpt.Of(task.Name, 100)}' waits for itself";
                }

                if (!names.Contains(pred.Name) && !exists(pred.Name))
                {
                    return $"task '{Excerpt.Of(task.Name, 100)}' waits for '{Excerpt.Of(pred.Name, 100)}', which is no task";
                }
            }
        }

        return null;
    }
}
