using System.Text.Json.Nodes;
using Cyclone.Core.Workflows;
using Cyclone.Tasks;

namespace Cyclone.Samples.TaskPlugin;

/// <summary>
/// <c>sample.directory-census</c>: counts the files under <see cref="Directory"/> (recursively, at most
/// <see cref="MaxFiles"/>) by extension. Outputs <c>files</c> and <c>bytes</c>; emits a row per extension to the sink
/// named <see cref="RowSink"/> and a metric per extension to the sink named <see cref="MetricSink"/>.
/// </summary>
[CycloneTask("sample.directory-census")]
[TaskOutput("files", ValueTypes.Integer)]
[TaskOutput("bytes", ValueTypes.Integer)]
public sealed class DirectoryCensusTask : CycloneTask
{
    /// <summary>The directory to count (required).</summary>
    public string? Directory { get; set; }

    /// <summary>Stop after this many files. Default: 100,000.</summary>
    public int MaxFiles { get; set; } = 100_000;

    /// <summary>The sink that gets a row per extension. Default: <c>census</c>.</summary>
    public string RowSink { get; set; } = "census";

    /// <summary>The sink that gets a metric per extension. Default: <c>metrics</c>.</summary>
    public string MetricSink { get; set; } = "metrics";

    protected override async Task<JsonObject> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Directory) || !System.IO.Directory.Exists(Directory))
        {
            throw new TaskInputException($"parameter 'directory' must name an existing directory, not '{Directory}'");
        }

        var census = Census.Of(Directory, MaxFiles, cancellationToken);
        foreach (var (extension, (files, bytes)) in census.ByExtension.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            context.Results.AddRow(RowSink, new JsonObject
            {
                ["directory"] = Directory, ["extension"] = extension, ["files"] = files, ["bytes"] = bytes,
            });
            context.Results.AddMetric(MetricSink, "sample_directory_files", files,
                new Dictionary<string, string> { ["directory"] = Directory, ["extension"] = extension }, "Files under a directory by extension");
        }

        await context.Output.WriteLineAsync($"{Directory}: {census.Files} files, {census.Bytes} bytes, {census.ByExtension.Count} extensions");
        return new JsonObject { ["files"] = census.Files, ["bytes"] = census.Bytes };
    }
}
