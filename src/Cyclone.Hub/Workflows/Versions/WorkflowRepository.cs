using Cyclone.Storage.Contract;
using LibGit2Sharp;

namespace Cyclone.Hub.Workflows.Versions;

/// <summary>
/// Every version of every workflow, as commits of one bare git repository kept by the hub (no git
/// binary needed). Workflow <c>NAME</c> lives at <c>NAME/workflow.json</c> (native) or
/// <c>NAME/workflow.nc</c> (Nodeworks). Each publish and each delete is a commit, even when the content
/// did not change; a trailer in the message names the workflow, which is how history finds them. A change is first made as a
/// commit off the branch (<see cref="PreparePublish"/>, <see cref="PrepareDelete"/>), recorded in the store, and only then put
/// on the branch (<see cref="Advance"/>), so that the store holds every change and any hub can replay them
/// (<see cref="Replay"/>) into the same commits.
/// </summary>
public sealed partial class WorkflowRepository : IDisposable
{
    private const string Branch = "refs/heads/main";
    private const string Trailer = "Cyclone-Workflow: ";
    private readonly Lock _lock = new();
    private readonly string _directory;
    private Repository _repo;

    public WorkflowRepository(string directory)
    {
        _directory = directory;
        _repo = Open(directory);
    }

    /// <summary>Publishes at once (prepare and advance), for a repository that no store follows.</summary>
    public WorkflowVersion Publish(string name, string format, ReadOnlyMemory<byte> content, string author, string message, DateTimeOffset when)
    {
        lock (_lock)
        {
            var change = PreparePublish(name, format, content, author, message, when);
            Advance(change);
            return change.Version;
        }
    }

    /// <summary>Deletes at once (prepare and advance); null when there is no such workflow.</summary>
    public WorkflowVersion? Delete(string name, string author, string message, DateTimeOffset when)
    {
        lock (_lock)
        {
            if (PrepareDelete(name, author, message, when) is not { } change)
            {
                return null;
            }

            Advance(change);
            return change.Version;
        }
    }

    /// <summary>The commit of a new version of <paramref name="name"/> on top of the branch, not yet on it.</summary>
    public PendingWorkflowChange PreparePublish(string name, string format, ReadOnlyMemory<byte> content, string author, string message, DateTimeOffset when)
    {
        lock (_lock)
        {
            var text = CommitText(message, name, "publish");
            var commit = Build(Head(), name, format, content.ToArray(), author, text, when);
            return new PendingWorkflowChange(
                new WorkflowChangeRecord(0, name, "publish", format, content.ToArray(), author, text, when, commit.Sha),
                new WorkflowVersion(name, commit.Sha, author, when, message, format, Deleted: false));
        }
    }

    /// <summary>The commit that deletes <paramref name="name"/>, not yet on the branch; null when there is no such workflow.</summary>
    public PendingWorkflowChange? PrepareDelete(string name, string author, string message, DateTimeOffset when)
    {
        lock (_lock)
        {
            var head = Head();
            if (head is null || Find(head, name) is null)
            {
                return null;
            }

            var text = CommitText(message, name, "delete");
            var commit = Build(head, name, null, [], author, text, when);
            return new PendingWorkflowChange(
                new WorkflowChangeRecord(0, name, "delete", "", [], author, text, when, commit.Sha),
                new WorkflowVersion(name, commit.Sha, author, when, message, "", Deleted: true));
        }
    }

    /// <summary>Puts a prepared change on the branch; refuses when the branch moved since it was prepared.</summary>
    public void Advance(PendingWorkflowChange change)
    {
        lock (_lock)
        {
            var commit = _repo.Lookup<Commit>(change.Change.Commit) ?? throw new InvalidOperationException($"commit {change.Change.Commit} is not in the repository");
            var parent = commit.Parents.FirstOrDefault()?.Sha;
            if (parent != Head()?.Sha)
            {
                throw new InvalidOperationException($"the workflow repository moved since commit {commit.Sha} was prepared");
            }

            _repo.Refs.Add(Branch, commit.Id, allowOverwrite: true);
        }
    }

    /// <summary>The workflow at <paramref name="revision"/> (full or abbreviated commit; the newest when null); null when absent there.</summary>
    public StoredWorkflow? Get(string name, string? revision)
    {
        lock (_lock)
        {
            var commit = revision is null ? Head() : Lookup(revision);
            if (commit is null || Find(commit, name) is not { } entry)
            {
                return null;
            }

            return new StoredWorkflow(name, entry.Name.EndsWith(".nc", StringComparison.Ordinal) ? "nodeworks" : "native", ReadBlob((Blob)entry.Target), commit.Sha);
        }
    }

    /// <summary>Publishes and deletes of a workflow, newest first.</summary>
    public IReadOnlyList<WorkflowVersion> History(string name, int limit = 100)
    {
        lock (_lock)
        {
            var head = Head();
            if (head is null)
            {
                return [];
            }

            var result = new List<WorkflowVersion>();
            foreach (var c in _repo.Commits.QueryBy(new CommitFilter { IncludeReachableFrom = head, SortBy = CommitSortStrategies.Topological }))
            {
                var (workflow, action, text) = Parse(c.Message);
                if (workflow != name)
                {
                    continue;
                }

                var entry = Find(c, name);
                result.Add(new WorkflowVersion(name, c.Sha, c.Author.Name, c.Author.When, text,
                    entry is null ? "" : entry.Name.EndsWith(".nc", StringComparison.Ordinal) ? "nodeworks" : "native", action == "delete"));
                if (result.Count >= limit)
                {
                    break;
                }
            }

            return result;
        }
    }

    public IReadOnlyList<string> List()
    {
        lock (_lock)
        {
            return Head()?.Tree.Where(e => e.TargetType == TreeEntryTargetType.Tree).Select(e => e.Name).Order(StringComparer.Ordinal).ToList() ?? [];
        }
    }

    public void Dispose() => _repo.Dispose();

    private Commit? Head() => _repo.Refs[Branch] is { } branch ? _repo.Lookup<Commit>(branch.TargetIdentifier) : null;

    private Commit Lookup(string revision)
    {
        var hex = revision.Length is >= 4 and <= 40 && revision.All(char.IsAsciiHexDigit);
        return (hex ? _repo.Lookup<Commit>(revision) : null) ?? throw new KeyNotFoundException($"revision {revision} not found");
    }

    private static TreeEntry? Find(Commit commit, string name) => commit[$"{name}/workflow.json"] ?? commit[$"{name}/workflow.nc"];

    private static string PathOf(string name, string format) => format == "nodeworks" ? $"{name}/workflow.nc" : $"{name}/workflow.json";

    private static void RemoveFiles(Commit? head, TreeDefinition tree, string name)
    {
        foreach (var path in new[] { $"{name}/workflow.json", $"{name}/workflow.nc" })
        {
            if (head?[path] is not null)
            {
                tree.Remove(path);
            }
        }
    }

    private static string CommitText(string message, string name, string action) => $"{message}\n\n{Trailer}{name}\nCyclone-Action: {action}\n";

    /// <summary>
    /// The commit on <paramref name="head"/> whose tree has <paramref name="name"/>'s file replaced by <paramref name="content"/>
    /// in <paramref name="format"/> (removed when null), with exactly <paramref name="text"/>: the same inputs make the same commit.
    /// </summary>
    private Commit Build(Commit? head, string name, string? format, byte[] content, string author, string text, DateTimeOffset when)
    {
        var tree = head is null ? new TreeDefinition() : TreeDefinition.From(head.Tree);
        RemoveFiles(head, tree, name);
        if (format is not null)
        {
            using var stream = new MemoryStream(content);
            tree.Add(PathOf(name, format), _repo.ObjectDatabase.CreateBlob(stream), Mode.NonExecutableFile);
        }

        var signature = new Signature(author, $"{author}@cyclone.local", when);
        return _repo.ObjectDatabase.CreateCommit(signature, signature, text, _repo.ObjectDatabase.CreateTree(tree), head is null ? [] : [head], prettifyMessage: false);
    }

    private static Repository Open(string directory)
    {
        if (!Repository.IsValid(directory))
        {
            Directory.CreateDirectory(directory);
            Repository.Init(directory, isBare: true);
            using var fresh = new Repository(directory);
            fresh.Refs.UpdateTarget("HEAD", Branch);
        }

        return new Repository(directory);
    }

    private static (string? Workflow, string? Action, string Text) Parse(string message)
    {
        var at = message.LastIndexOf("\n\n" + Trailer, StringComparison.Ordinal);
        if (at < 0)
        {
            return (null, null, message.Trim());
        }

        var lines = message[(at + 2)..].Split('\n');
        var workflow = lines[0][Trailer.Length..];
        var action = lines.Length > 1 && lines[1].StartsWith("Cyclone-Action: ", StringComparison.Ordinal) ? lines[1]["Cyclone-Action: ".Length..] : null;
        return (workflow, action, message[..at]);
    }
}
