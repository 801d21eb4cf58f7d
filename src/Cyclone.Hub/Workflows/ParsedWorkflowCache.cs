using Cyclone.Core.Workflows;

namespace Cyclone.Hub.Workflows;

/// <summary>
/// The last few validated workflows by commit, so that running a version just published (or run again)
/// does not read and validate it a second time. A commit's content never changes, so entries never go stale.
/// </summary>
internal sealed class ParsedWorkflowCache
{
    private const int Capacity = 8;
    private readonly Lock _lock = new();
    private readonly LinkedList<(string Commit, WorkflowDefinition Definition)> _entries = new();

    public WorkflowDefinition? Find(string commit, string name)
    {
        lock (_lock)
        {
            // the same commit holds every workflow; the name tells them apart
            return _entries.FirstOrDefault(e => e.Commit == commit && e.Definition.Name == name).Definition;
        }
    }

    public void Add(string commit, WorkflowDefinition definition)
    {
        lock (_lock)
        {
            if (_entries.Any(e => e.Commit == commit && e.Definition.Name == definition.Name))
            {
                return;
            }

            _entries.AddFirst((commit, definition));
            if (_entries.Count > Capacity)
            {
                _entries.RemoveLast();
            }
        }
    }
}
