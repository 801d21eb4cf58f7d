using Cyclone.Storage.Contract;
using static Cyclone.Storage.StoreValues;

namespace Cyclone.Storage.Relational;

public abstract partial class RelationalStore
{
    private const string InsertWorkflowChange = """
        INSERT INTO workflow_changes (name, action, format, content, author, message, at, sha)
        VALUES (@name, @action, @format, @content, @author, @message, @at, @sha) RETURNING seq;
        """;

    private const string SelectWorkflowChanges = """
        SELECT seq, name, action, format, content, author, message, at, sha FROM workflow_changes WHERE seq > @after ORDER BY seq LIMIT @limit;
        """;

    public Task<long> AppendWorkflowChangeAsync(WorkflowChangeRecord change, CancellationToken ct) =>
        EnqueueAsync(c => Convert.ToInt64(c.Command(InsertWorkflowChange)
            .With("name", change.Name).With("action", change.Action).With("format", change.Format).With("content", change.Content)
            .With("author", change.Author).With("message", change.Message).With("at", Ms(change.At)).With("sha", change.Commit)
            .ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture), ct);

    public Task<IReadOnlyList<WorkflowChangeRecord>> ReadWorkflowChangesAsync(long afterSeq, int limit, CancellationToken ct) =>
        ReadAsync(SelectWorkflowChanges, c => c.With("after", afterSeq).With("limit", limit),
            r => new WorkflowChangeRecord(
                r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), (byte[])r.GetValue(4), r.GetString(5), r.GetString(6), At(r, 7), r.GetString(8)), ct);
}
