using Cyclone.Core.Workflows;

namespace Cyclone.Core.Tests.Fuzz;

/// <summary>The node kinds the workflow fuzzers use: math.Power with its ports, and the other kinds of the Nodeworks example without.</summary>
internal sealed class FuzzKinds : INodeKindCatalog
{
    public static FuzzKinds Instance { get; } = new();

    private static readonly string[] Known = ["math.Multiply", "types.Integer", "math.Subtract", "math.Root"];

    public NodeKindInfo? Find(string kind) => kind switch
    {
        "math.Power" => new NodeKindInfo(kind, [new WorkflowPort("base", ValueTypes.Number), new WorkflowPort("exponent", ValueTypes.Number)], [new WorkflowPort("result", ValueTypes.Number)], "Power"),
        _ when Known.Contains(kind, StringComparer.Ordinal) => new NodeKindInfo(kind, [], []),
        _ => null,
    };
}
