using System.Text.Json.Nodes;
using Cyclone.Tasks;
using Cyclone.Tasks.Catalog;

namespace Cyclone.Samples.TaskPlugin.Tests;

public sealed class DirectoryCensusTaskTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("census-").FullName;

    private static TaskContext Context(JsonObject inputs) => new(inputs, 1, 2, 1, "sample.directory-census", TextWriter.Null);

    [Fact]
    public async Task Files_are_counted_by_extension_and_emitted_as_rows_and_metrics()
    {
        File.WriteAllBytes(Path.Combine(_dir, "a.txt"), new byte[10]);
        Directory.CreateDirectory(Path.Combine(_dir, "sub"));
        File.WriteAllBytes(Path.Combine(_dir, "sub", "b.TXT"), new byte[5]);
        File.WriteAllBytes(Path.Combine(_dir, "c"), new byte[1]);
        var context = Context(new JsonObject { ["directory"] = _dir, ["row_sink"] = "db" });

        var outputs = await new DirectoryCensusTask().RunAsync(context, CancellationToken.None);

        Assert.Equal("""{"files":3,"bytes":16}""", outputs.ToJsonString());
        var results = context.Results.ToJson()!;
        Assert.Equal(
            $$"""[{"directory":"{{_dir}}","extension":"(none)","files":1,"bytes":1},{"directory":"{{_dir}}","extension":"txt","files":2,"bytes":15}]""",
            results["db"]!.ToJsonString());
        Assert.Equal(2, results["metrics"]!.AsArray().Count);
        Assert.Equal("sample_directory_files", results["metrics"]![1]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_parameter_or_a_missing_directory_fails_naming_it()
    {
        var unknown = await Assert.ThrowsAsync<TaskInputException>(() => new DirectoryCensusTask().RunAsync(Context(new JsonObject { ["dir"] = _dir }), CancellationToken.None));
        Assert.StartsWith("'dir' is not a parameter of this task; it takes: directory, max_files, metric_sink, row_sink", unknown.Message, StringComparison.Ordinal);

        var missing = await Assert.ThrowsAsync<TaskInputException>(() => new DirectoryCensusTask().RunAsync(Context(new JsonObject { ["directory"] = "/no/such/dir" }), CancellationToken.None));
        Assert.Contains("parameter 'directory' must name an existing directory", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_catalog_lists_the_kind_with_its_parameters_as_typed_inputs()
    {
        var kind = TaskCatalog.Builtin.WithAssembly(typeof(DirectoryCensusTask).Assembly).Find("sample.directory-census")!;

        Assert.Equal(
            [("directory", "string"), ("max_files", "integer"), ("metric_sink", "string"), ("row_sink", "string")],
            kind.Inputs.Select(p => (p.Name, p.Type!)).OrderBy(p => p.Name, StringComparer.Ordinal));
        Assert.Equal(["files", "bytes"], kind.Outputs.Select(p => p.Name));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
