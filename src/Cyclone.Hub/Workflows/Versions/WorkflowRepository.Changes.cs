using Cyclone.Storage.Contract;
using LibGit2Sharp;

namespace Cyclone.Hub.Workflows.Versions;

public sealed partial class WorkflowRepository
{
    /// <summary>The commits on the branch, oldest first (the first parent of each).</summary>
    public IReadOnlyList<string> Chain()
    {
        lock (_lock)
        {
            var chain = new List<string>();
            for (var commit = Head(); commit is not null; commit = commit.Parents.FirstOrDefault())
            {
                chain.Add(commit.Sha);
            }

            chain.Reverse();
            return chain;
        }
    }

    /// <summary>A commit of the branch as the store records it (for a repository made before the store kept changes).</summary>
    public WorkflowChangeRecord Describe(string sha)
    {
        lock (_lock)
        {
            var commit = _repo.Lookup<Commit>(sha) ?? throw new KeyNotFoundException($"commit {sha} is not in the workflow repository");
            var (workflow, action, _) = Parse(commit.Message);
            var name = workflow ?? "";
            var entry = workflow is null ? null : Find(commit, name);
            var format = entry is null ? "" : entry.Name.EndsWith(".nc", StringComparison.Ordinal) ? "nodeworks" : "native";
            var content = entry is null ? [] : ReadBlob((Blob)entry.Target);
            return new WorkflowChangeRecord(
                0, name, action ?? (entry is null ? "delete" : "publish"), format, content, commit.Author.Name, commit.Message, commit.Author.When, commit.Sha);
        }
    }

    /// <summary>Makes a recorded change again on top of the branch and puts it there; answers the commit it made.</summary>
    public string Replay(WorkflowChangeRecord change)
    {
        lock (_lock)
        {
            var head = Head();
            var format = change.Action == "publish" ? change.Format : null;
            var commit = Build(head, change.Name, string.IsNullOrEmpty(change.Name) ? null : format, change.Content, change.Author, change.Message, change.At);
            _repo.Refs.Add(Branch, commit.Id, allowOverwrite: true);
            return commit.Sha;
        }
    }

    /// <summary>Moves the repository aside (to <c>DIRECTORY.diverged-TIME</c>) and starts an empty one in its place; answers where the old one went.</summary>
    public string Reset(DateTimeOffset now)
    {
        lock (_lock)
        {
            _repo.Dispose();
            var aside = $"{_directory.TrimEnd(Path.DirectorySeparatorChar)}.diverged-{now:yyyyMMddHHmmss}";
            Directory.Move(_directory, aside);
            _repo = Open(_directory);
            return aside;
        }
    }

    private static byte[] ReadBlob(Blob blob)
    {
        using var stream = blob.GetContentStream();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
