using LibGit2Sharp;

namespace Cyclone.Hub.Workflows.Versions;

/// <summary>
/// Every version of every workflow, as commits of one bare git repository kept by the hub (no git
/// binary needed). Workflow <c>NAME</c> lives at <c>NAME/workflow.json</c> (native) or
/// <c>NAME/workflow.nc</c> (Nodeworks). Each publish and each delete is a commit, even when the content
/// did not change; a trailer in the message names the workflow, which is how history finds them.
/// </summary>
public sealed class WorkflowRepository : IDisposable
{
    private const string Branch = "refs/heads/main";
    private const string Trailer = "Cyclone-Workflow: ";
    private readonly Lock _lock = new();
    private readonly Repository _repo;

    public WorkflowRepository(string directory)
    {
        if (!Repository.IsValid(directory))
        {
            Directory.CreateDirectory(directory);
            Repository.Init(directory, isBare: true);
            using var fresh = new Repository(directory);
            fresh.Refs.UpdateTarget("HEAD", Branch);
        }

        _repo = new Repository(directory);
    }

    public WorkflowVersion Publish(string name, string format, ReadOnlyMemory<byte> content, string author, string message, DateTimeOffset when)
    {
        lock (_lock)
        {
            var head = Head();
            var tree = head is null ? new TreeDefinition() : TreeDefinition.From(head.Tree);
            RemoveFiles(head, tree, name);
            using var stream = new MemoryStream(content.ToArray());
            tree.Add(PathOf(name, format), _repo.ObjectDatabase.CreateBlob(stream), Mode.NonExecutableFile);
            var commit = Commit(head, tree, author, message, when, name, "publish");
            return new WorkflowVersion(name, commit.Sha, author, when, message, format, Deleted: false);
        }
    }

    public WorkflowVersion? Delete(string name, string author, string message, DateTimeOffset when)
    {
        lock (_lock)
        {
            var head = Head();
            if (head is null || Find(head, name) is null)
            {
                return null;
            }

            var tree = TreeDefinition.From(head.Tree);
            RemoveFiles(head, tree, name);
            var commit = Commit(head, tree, author, message, when, name, "delete");
            return new WorkflowVersion(name, commit.Sha, author, when, message, "", Deleted: true);
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

            var blob = (Blob)entry.Target;
            using var stream = blob.GetContentStream();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return new StoredWorkflow(name, entry.Name.EndsWith(".nc", StringComparison.Ordinal) ? "nodeworks" : "native", buffer.ToArray(), commit.Sha);
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

    private Commit Commit(Commit? head, TreeDefinition tree, string author, string message, DateTimeOffset when, string name, string action)
    {
        var signature = new Signature(author, $"{author}@cyclone.local", when);
        var text = $"{message}\n\n{Trailer}{name}\nCyclone-Action: {action}\n";
        var commit = _repo.ObjectDatabase.CreateCommit(signature, signature, text, _repo.ObjectDatabase.CreateTree(tree), head is null ? [] : [head], prettifyMessage: false);
        _repo.Refs.Add(Branch, commit.Id, allowOverwrite: true);
        return commit;
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
