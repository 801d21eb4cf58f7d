using Cyclone.Core.Tasks;
using Cyclone.Storage.Contract;

namespace Cyclone.Hub.Dwork;

/// <summary>
/// The dwork tasks by name and by task id, which of them are still open, and which tasks each location stole.
/// Rebuilt from the store at start (task and job names are stored), so that names survive a hub restart.
/// Thread-safe: the protocol's handlers run concurrently.
/// </summary>
internal sealed class DworkRegistry
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, DworkTask> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<long, DworkTask> _byId = [];
    private readonly Dictionary<string, HashSet<long>> _held = new(StringComparer.Ordinal);
    private int _open;

    public int Count
    {
        get { lock (_lock) { return _byName.Count; } }
    }

    /// <summary>How many tasks are not known to have ended.</summary>
    public int Open
    {
        get { lock (_lock) { return _open; } }
    }

    /// <summary>Reads every dwork task of <paramref name="user"/> from the store.</summary>
    public async Task LoadAsync(IStore store, string user, CancellationToken ct)
    {
        var records = await store.ListTasksOfJobsNamedAsync(user, DworkJobs.JobPrefix, ct);
        var names = records.ToDictionary(r => r.Id, r => r.Name);
        Add(records.Select(r => new DworkTask(r.Id, r.Name, DworkJobs.OriginOf(r.JobName), [.. r.Upstream.Where(names.ContainsKey).Select(u => names[u])])
        {
            Done = r.State.IsFinal(),
        }));
    }

    public void Add(IEnumerable<DworkTask> tasks)
    {
        lock (_lock)
        {
            foreach (var task in tasks)
            {
                // a name is unique, but a task of the same name may have been stored outside the protocol: the first wins
                if (_byName.TryAdd(task.Name, task))
                {
                    _byId[task.Id] = task;
                    _open += task.Done ? 0 : 1;
                }
            }
        }
    }

    public DworkTask? Find(string name)
    {
        lock (_lock)
        {
            return _byName.GetValueOrDefault(name);
        }
    }

    public DworkTask? Find(long id)
    {
        lock (_lock)
        {
            return _byId.GetValueOrDefault(id);
        }
    }

    public bool Contains(string name)
    {
        lock (_lock)
        {
            return _byName.ContainsKey(name);
        }
    }

    /// <summary>The ids of the tasks not known to have ended.</summary>
    public List<long> OpenIds()
    {
        lock (_lock)
        {
            return [.. _byId.Values.Where(t => !t.Done).Select(t => t.Id)];
        }
    }

    /// <summary>Notes that these tasks ended (and that no location holds them any more).</summary>
    public void MarkDone(IEnumerable<long> ids)
    {
        lock (_lock)
        {
            foreach (var id in ids)
            {
                if (_byId.TryGetValue(id, out var task) && !task.Done)
                {
                    task.Done = true;
                    _open--;
                }
            }
        }
    }

    /// <summary>Notes that <paramref name="location"/> stole these tasks.</summary>
    public void Hold(string location, IEnumerable<long> ids)
    {
        lock (_lock)
        {
            if (!_held.TryGetValue(location, out var held))
            {
                _held[location] = held = [];
            }

            held.UnionWith(ids);
        }
    }

    /// <summary>Notes that <paramref name="location"/> no longer holds these tasks.</summary>
    public void Drop(string location, IEnumerable<long> ids)
    {
        lock (_lock)
        {
            if (_held.TryGetValue(location, out var held))
            {
                held.ExceptWith(ids);
            }
        }
    }

    /// <summary>The tasks <paramref name="location"/> stole and has not given back, as far as this hub saw; forgets them.</summary>
    public List<long> TakeHeld(string location)
    {
        lock (_lock)
        {
            return _held.Remove(location, out var held) ? [.. held] : [];
        }
    }
}
