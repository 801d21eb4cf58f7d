using Cyclone.Core.Workflows;
using Cyclone.Protocol.Rest;

namespace Cyclone.Hub.Workflows.Kinds;

/// <summary>Checks a user-defined node kind and turns it into what the validator and compiler use.</summary>
internal static class NodeKindSpec
{
    public static List<WorkflowProblem> Check(string kind, NodeKindDto spec, bool builtin)
    {
        var p = new List<WorkflowProblem>();
        if (string.IsNullOrWhiteSpace(kind) || kind.Length > 200 || !kind.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            p.Add(new WorkflowProblem("kind", $"'{kind}' is not a kind name: letters, digits, '.', '_' or '-', such as lab.Fit"));
        }

        if (kind is WorkflowNode.CommandKind or WorkflowNode.EventKind || builtin)
        {
            p.Add(new WorkflowProblem("kind", $"'{kind}' is built in and cannot be redefined"));
        }

        if ((spec.Command is { Count: > 0 }) == (spec.TaskClass is not null))
        {
            p.Add(new WorkflowProblem("kind", "give exactly one of command (a template) or taskClass"));
        }
        else if (spec.Command?.Any(a => a is null || a.Contains('\0', StringComparison.Ordinal)) == true)
        {
            p.Add(new WorkflowProblem("command", "command arguments must not be null or contain NUL characters"));
        }

        foreach (var (name, type) in (spec.Inputs ?? new Dictionary<string, string>()).Concat(spec.Outputs ?? new Dictionary<string, string>()))
        {
            if (type is null || !ValueTypes.IsKnown(type.TrimEnd('[', ']')))
            {
                p.Add(new WorkflowProblem(name, $"'{type}' is not a type; use one of {string.Join(", ", ValueTypes.All)} (with [] for a multi input)"));
            }
        }

        return p;
    }

    public static NodeKindInfo ToInfo(string kind, NodeKindDto spec) => new(
        kind,
        (spec.Inputs ?? new Dictionary<string, string>()).Select(p => new WorkflowPort(p.Key, p.Value.TrimEnd('[', ']'), p.Value.EndsWith("[]", StringComparison.Ordinal))).ToList(),
        (spec.Outputs ?? new Dictionary<string, string>()).Select(p => new WorkflowPort(p.Key, p.Value)).ToList(),
        spec.TaskClass,
        spec.Command);
}
