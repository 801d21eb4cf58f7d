using Cyclone.Core.Workflows.TaskFile;
using Cyclone.Tests.Shared;

namespace Cyclone.Core.Tests.Fuzz;

public sealed class TaskFileFuzzTests
{
    [Fact]
    public void A_generated_valid_task_file_is_read_whole_and_accepted() =>
        PropertyFuzz.Check("TaskFileReader valid", NativeWorkflowFuzzTests.Shapes(60), shape =>
        {
            var (text, names, edges) = FuzzWorkflows.TaskFile(shape.Seed, shape.Nodes);
            var problems = WorkflowFuzzChecks.ReadAndValidate((out p) => TaskFileReader.Read(text, "tf", out p), text);
            Assert.True(problems.Count == 0, $"{string.Join("; ", problems)}\nin {PropertyFuzz.Shorten(text, 1_500)}");
            var definition = TaskFileReader.Read(text, "tf", out _);
            Assert.Equal(names, definition.Nodes.Select(n => n.Name));
            Assert.Equal(edges, definition.Edges.Count);
            Assert.All(definition.Nodes, n => Assert.Equal("echo \"hello, world\" && sleep 0 # not a comment", n.Command![2]));
        }, 300);

    [Fact]
    public void Any_text_is_read_or_reported_and_never_throws() =>
        PropertyFuzz.Check(
            "TaskFileReader any text",
            FuzzText.Of("\n", "\r\n", "\r", " ", "\t", ",", ":", "afterok:", "afterany:", "afternotok:", "after:", "#", "a", "b", "c", "echo hi", ",,"),
            text => WorkflowFuzzChecks.ReadAndValidate((out p) => TaskFileReader.Read(text, "tf", out p), text),
            600);
}
