using System.Text;
using System.Text.Json.Nodes;
using Cyclone.Core.Workflows.Nodeworks;
using Cyclone.Tests.Shared;
using Xunit.Sdk;

namespace Cyclone.Core.Tests.Fuzz;

public sealed class NodeworksFuzzTests
{
    private static readonly byte[] Example = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "node_ex.nc"));

    [Fact]
    public void The_example_itself_is_read_and_accepted() =>
        Assert.Empty(WorkflowFuzzChecks.ReadAndValidate((out p) => NodeworksReader.Read(Example, "ex", out p), "node_ex.nc"));

    [Fact]
    public void A_mutated_example_is_read_or_reported_and_never_throws() =>
        PropertyFuzz.Check("NodeworksReader mutated example", NativeWorkflowFuzzTests.Mutations(), m =>
        {
            var bytes = FuzzJson.Mutate(Example, m.Seed, m.Count);
            WorkflowFuzzChecks.ReadAndValidate((out p) => NodeworksReader.Read(bytes, "ex", out p), Encoding.UTF8.GetString(bytes));
        }, 1_500);

    [Fact]
    public void Outputs_are_recorded_and_filled_in_for_every_mutated_file_the_reader_accepts() =>
        PropertyFuzz.Check("NodeworksOutputWriter mutated example", NativeWorkflowFuzzTests.Mutations(), m =>
        {
            var bytes = FuzzJson.Mutate(Example, m.Seed, m.Count);
            if (NodeworksReader.Read(bytes, "ex", out var problems) is null || problems.Count > 0)
            {
                return; // never stored, so never written back
            }

            try
            {
                var recorded = NodeworksOutputWriter.RecordedOutputs(bytes);
                NodeworksOutputWriter.FillOutputs(bytes, recorded.ToDictionary(r => r.Key, r => (JsonNode?)JsonValue.Create(2.5)));
            }
            catch (Exception ex)
            {
                throw new XunitException($"writing outputs threw {ex.GetType().Name}: {ex.Message}\ninput: {PropertyFuzz.Shorten(Encoding.UTF8.GetString(bytes), 1_500)}", ex);
            }
        }, 1_000);
}
