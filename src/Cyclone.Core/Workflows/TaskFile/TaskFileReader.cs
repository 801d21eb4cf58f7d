using Cyclone.Core.Dependencies;

namespace Cyclone.Core.Workflows.TaskFile;

/// <summary>
/// Reads a plain task file, one task per line: <c>NAME[,DEP...] COMMAND</c>. The name and its
/// comma-separated dependencies (each optionally <c>afterany:</c> or <c>afternotok:</c>) are the first
/// word; the rest of the line is run with <c>/bin/sh -c</c>. Blank lines and lines starting with <c>#</c>
/// are skipped. Dependencies may name tasks defined further down.
/// </summary>
public static class TaskFileReader
{
    public const int MaxLineLength = 64 * 1024;

    public static WorkflowDefinition Read(string text, string workflowName, out IReadOnlyList<WorkflowProblem> problems)
    {
        var p = new List<WorkflowProblem>();
        problems = p;
        var nodes = new List<WorkflowNode>();
        var edges = new List<WorkflowEdge>();
        var number = 0;
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            number++;
            var line = raw.Trim();
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }

            var where = $"line {number}";
            if (line.Length > MaxLineLength)
            {
                p.Add(new WorkflowProblem(where, $"the line has {line.Length} characters; at most {MaxLineLength} are allowed"));
                continue;
            }

            var space = line.IndexOfAny(' ', '\t');
            if (space < 0 || line[(space + 1)..].Trim().IsEmpty)
            {
                p.Add(new WorkflowProblem(where, "a task line is NAME[,DEP...] followed by its command"));
                continue;
            }

            var head = line[..space].ToString().Split(',');
            var name = head[0];
            foreach (var dep in head.Skip(1))
            {
                var colon = dep.IndexOf(':', StringComparison.Ordinal);
                var kind = DependencyKind.AfterOk;
                if (colon >= 0 && !DependencyKinds.TryParseWire(dep[..colon], out kind))
                {
                    p.Add(new WorkflowProblem(where, $"'{dep[..colon]}' is not afterok, afterany or afternotok"));
                    continue;
                }

                var upstream = colon >= 0 ? dep[(colon + 1)..] : dep;
                if (upstream.Length == 0)
                {
                    p.Add(new WorkflowProblem(where, "an empty dependency name"));
                    continue;
                }

                edges.Add(new WorkflowEdge(upstream, name, kind) { Where = where });
            }

            nodes.Add(new WorkflowNode
            {
                Name = name,
                Kind = WorkflowNode.CommandKind,
                Where = $"{where} ({name})",
                Command = ["/bin/sh", "-c", line[(space + 1)..].Trim().ToString()],
            });
        }

        return new WorkflowDefinition { Name = workflowName, Format = "taskfile", Nodes = nodes, Edges = edges };
    }
}
