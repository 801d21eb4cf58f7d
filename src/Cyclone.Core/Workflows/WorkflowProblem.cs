using Cyclone.Core.Parsing;

namespace Cyclone.Core.Workflows;

/// <summary>
/// One thing wrong with a workflow: where (a node, an edge, a field) and what. Both are kept short whatever the
/// input: names, values and lists quoted from a huge file are cut (<see cref="Excerpt"/>).
/// </summary>
public sealed record WorkflowProblem(string Where, string Message)
{
    /// <summary>Longest <see cref="Where"/> kept, before the note of how long it was.</summary>
    public const int MaxWhereLength = 300;

    /// <summary>Longest <see cref="Message"/> kept, before the note of how long it was.</summary>
    public const int MaxMessageLength = 1_000;

    public string Where { get; } = Excerpt.Of(Where, MaxWhereLength);

    public string Message { get; } = Excerpt.Of(Message, MaxMessageLength);

    public override string ToString() => $"{Where}: {Message}";
}
