using System.Text;
using Cyclone.Core.Workflows.Native;
using Cyclone.Tests.Shared;
using FsCheck.Fluent;

namespace Cyclone.Core.Tests.Fuzz;

public sealed class NativeWorkflowFuzzTests
{
    [Fact]
    public void A_generated_valid_workflow_is_read_whole_and_accepted() =>
        PropertyFuzz.Check("NativeWorkflowReader valid", Shapes(40), shape =>
        {
            var (json, names, edges) = FuzzWorkflows.Native(shape.Seed, shape.Nodes);
            var problems = WorkflowFuzzChecks.ReadAndValidate((out p) => NativeWorkflowReader.Read(Encoding.UTF8.GetBytes(json), "wf", out p), json);
            Assert.True(problems.Count == 0, $"{string.Join("; ", problems)}\nin {PropertyFuzz.Shorten(json, 1_500)}");
            var definition = NativeWorkflowReader.Read(Encoding.UTF8.GetBytes(json), "wf", out _)!;
            Assert.Equal(names, definition.Nodes.Select(n => n.Name));
            Assert.Equal(edges, definition.Edges.Count);
        }, 300);

    [Fact]
    public void A_mutated_workflow_is_read_or_reported_and_never_throws() =>
        PropertyFuzz.Check("NativeWorkflowReader mutated", Mutations(), m =>
        {
            var (json, _, _) = FuzzWorkflows.Native(m.Seed, 1 + (m.Seed & 7));
            var bytes = FuzzJson.Mutate(Encoding.UTF8.GetBytes(json), m.Seed, m.Count);
            WorkflowFuzzChecks.ReadAndValidate((out p) => NativeWorkflowReader.Read(bytes, "wf", out p), Encoding.UTF8.GetString(bytes));
        }, 1_500);

    [Fact]
    public void Any_text_is_read_or_reported_and_never_throws() =>
        PropertyFuzz.Check("NativeWorkflowReader any text", FuzzText.Of("{", "}", "[", "]", ",", ":", "\"nodes\"", "\"name\"", "\"command\"", "\"a\"", "null", "//", "/*"), text =>
            WorkflowFuzzChecks.ReadAndValidate((out p) => NativeWorkflowReader.Read(Encoding.UTF8.GetBytes(text), "wf", out p), text), 1_000);

    /// <summary>A seed and a node count (shrinks towards fewer nodes).</summary>
    internal static FsCheck.Arbitrary<(int Seed, int Nodes)> Shapes(int maxNodes) =>
        Arb.From(
            Gen.Zip(Gen.Choose(0, int.MaxValue), Gen.Choose(1, maxNodes)),
            s => s.Item2 > 1 ? [(s.Item1, 1), (s.Item1, s.Item2 / 2), (s.Item1, s.Item2 - 1)] : []);

    /// <summary>A seed and how many mutations to make (shrinks towards fewer).</summary>
    internal static FsCheck.Arbitrary<(int Seed, int Count)> Mutations() =>
        Arb.From(
            Gen.Zip(Gen.Choose(0, int.MaxValue), Gen.Choose(1, 6)),
            m => m.Item2 > 1 ? [(m.Item1, 1), (m.Item1, m.Item2 - 1)] : []);
}
