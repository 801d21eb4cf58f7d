using System.Text.Json.Nodes;
using Cyclone.Core.Workflows;
using Cyclone.Tasks.Processes;

namespace Cyclone.Tasks.Builtin.Lustre;

/// <summary>
/// <c>lustre.ost-monitor</c>: runs <c>lfs df -v PATH</c> and <c>lfs df -i -v PATH</c> (<c>lfs</c>: the program, default
/// <c>lfs</c> on the PATH) and outputs <c>osts</c>, a row per OST (only those of <c>osts</c>, a list such as
/// <c>0-15,20</c>, when given) with its index, UUID, status (<c>active</c>, <c>inactive device</c> or the error lfs
/// printed), state letters, capacity/used/available bytes, use percent and inode figures; <c>mdts</c>, the same
/// per MDT; and <c>summary</c>, the file system's totals.
/// </summary>
[CycloneTask("lustre.ost-monitor")]
[TaskInput("path", ValueTypes.String)]
[TaskInput("osts", ValueTypes.String)]
[TaskInput("lfs", ValueTypes.String)]
[TaskOutput("osts", ValueTypes.Array)]
[TaskOutput("mdts", ValueTypes.Array)]
[TaskOutput("summary", ValueTypes.Object)]
public sealed class OstMonitorTask(ICommandRunner runner) : ICycloneTask
{
    public OstMonitorTask()
        : this(ProcessCommandRunner.Default)
    {
    }

    public async Task<JsonObject> RunAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = LfsRunner.Path(context);
        var wanted = LfsRunner.Osts(context, "osts");
        var lfs = new LfsRunner(runner, LfsRunner.CommandLines(context), context.Output);
        var space = Report(path, await lfs.RunAsync(lfs.Lines.Df(path, inodes: false), cancellationToken, partialOk: true))
            ?? throw new TaskFailedException($"lustre.ost-monitor: lfs df printed no file system for '{path}'");
        var inodes = Report(path, await lfs.RunAsync(lfs.Lines.Df(path, inodes: true), cancellationToken, partialOk: true));
        if (inodes is null)
        {
            await context.Output.WriteLineAsync("lustre.ost-monitor: lfs df -i printed no file system; the inode figures are null");
        }

        var inodeTargets = (inodes?.Targets ?? []).ToDictionary(t => (t.Kind, t.Index));
        JsonArray Rows(IEnumerable<LfsTarget> targets) =>
            [.. targets.Select(t => OstRow.Target(t, inodeTargets.GetValueOrDefault((t.Kind, t.Index))))];

        var osts = space.Osts.Where(t => wanted?.Contains(t.Index) ?? true).ToList();
        if (wanted is not null && wanted.Count > osts.Count)
        {
            var missing = wanted.Indices().Except(space.Osts.Select(t => t.Index)).Take(20);
            await context.Output.WriteLineAsync($"lustre.ost-monitor: OSTs not in the lfs df output of {space.MountPoint}: {string.Join(',', missing)}");
        }

        var summary = OstRow.Figures(new JsonObject { ["mount_point"] = space.MountPoint }, space.Summary, inodes?.Summary);
        await context.Output.WriteLineAsync($"lustre.ost-monitor {space.MountPoint}: {osts.Count} OSTs, {osts.Count(t => !t.IsActive)} not active; {summary.ToJsonString()}");
        return new JsonObject { ["osts"] = Rows(osts), ["mdts"] = Rows(space.Mdts), ["summary"] = summary };
    }

    /// <summary>The file system of <paramref name="path"/> in the output: the block mounted there, else the only one; null when there is none.</summary>
    private static LfsDfReport? Report(string path, CommandResult result)
    {
        IReadOnlyList<LfsDfReport> reports;
        try
        {
            reports = LfsDfParser.Parse(result.Stdout);
        }
        catch (FormatException ex)
        {
            throw new TaskFailedException($"lustre.ost-monitor: {ex.Message}", ex);
        }

        var trimmed = path.TrimEnd('/');
        return reports.FirstOrDefault(r => r.MountPoint == trimmed)
            ?? (reports.Count <= 1 ? (reports.Count == 1 ? reports[0] : null) : throw new TaskFailedException(
                $"lustre.ost-monitor: lfs df printed {reports.Count} file systems ({string.Join(", ", reports.Select(r => r.MountPoint))}), none mounted at '{path}'"));
    }
}
