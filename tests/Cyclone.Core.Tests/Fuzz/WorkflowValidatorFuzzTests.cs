using Cyclone.Core.Workflows;
using Cyclone.Tests.Shared;
using FsCheck.Fluent;

namespace Cyclone.Core.Tests.Fuzz;

public sealed class WorkflowValidatorFuzzTests
{
    [Fact]
    public void Any_definition_gets_short_problems_and_never_throws() =>
        PropertyFuzz.Check("WorkflowValidator any definition", NativeWorkflowFuzzTests.Shapes(30), shape =>
            WorkflowFuzzChecks.Validate(FuzzDefinitions.Any(shape.Seed, shape.Nodes), $"FuzzDefinitions.Any({shape.Seed}, {shape.Nodes})"), 400);

    [Fact]
    public void A_ring_of_command_nodes_is_reported_as_one_cycle_naming_each_of_them() =>
        PropertyFuzz.Check("WorkflowValidator ring", Arb.From(Gen.Zip(Gen.Choose(2, 3_000), Gen.Choose(0, 1_000))), input =>
        {
            var (ring, shift) = input;
            var names = Enumerable.Range(0, ring).Select(i => $"r{i}").ToList();
            var definition = new WorkflowDefinition
            {
                Name = "ring",
                Format = "native",
                Nodes = names.Select(n => new WorkflowNode { Name = n, Kind = WorkflowNode.CommandKind, Where = n, Command = ["true"] }).ToList(),
                Edges = names.Select((n, i) => new WorkflowEdge(names[(i + shift) % ring], names[(i + shift + 1) % ring])).ToList(),
            };
            var problem = Assert.Single(WorkflowFuzzChecks.Validate(definition, $"a ring of {ring}"));
            Assert.StartsWith("cycle: ", problem.Message, StringComparison.Ordinal);
            if (ring <= 50)
            {
                Assert.Equal(names.Order(StringComparer.Ordinal), problem.Message["cycle: ".Length..].Split(" → ")[..^1].Order(StringComparer.Ordinal));
            }
        }, 200);
}
