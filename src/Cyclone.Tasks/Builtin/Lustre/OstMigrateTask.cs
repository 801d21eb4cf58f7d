using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cyclone.Core.Workflows;
using Cyclone.Tasks.Processes;

namespace Cyclone.Tasks.Builtin.Lustre;

/// <summary>
/// <c>lustre.ost-migrate</c>: for each OST of <c>osts</c> (a list such as <c>0-15,20</c>) lists the regular files under
/// <c>path</c> with an object there (<c>lfs find PATH --ost N --type f [--size min_size] --print0</c>), at most
/// <c>max_files</c> in all (default 100000), then moves each with <c>lfs migrate -c stripe_count [-o target_osts |
/// -i start_ost] -- FILE</c>, <c>parallelism</c> at a time (default 1, at most 16). With <c>dry_run</c> it only lists
/// the files in the log. Outputs <c>found</c>, <c>migrated</c> and <c>failed</c>; any failed file fails the task,
/// naming how many and the first errors. To keep files off the source OSTs, stop new objects there first
/// (<c>lctl set_param osp.FS-OSTxxxx*.max_create_count=0</c> on the MDS) or give <c>target_osts</c>.
/// </summary>
[CycloneTask("lustre.ost-migrate")]
[TaskInput("path", ValueTypes.String)]
[TaskInput("osts", ValueTypes.String)]
[TaskInput("stripe_count", ValueTypes.Integer)]
[TaskInput("target_osts", ValueTypes.String)]
[TaskInput("start_ost", ValueTypes.Integer)]
[TaskInput("min_size", ValueTypes.String)]
[TaskInput("max_files", ValueTypes.Integer)]
[TaskInput("parallelism", ValueTypes.Integer)]
[TaskInput("dry_run", ValueTypes.Boolean)]
[TaskInput("lfs", ValueTypes.String)]
[TaskOutput("found", ValueTypes.Integer)]
[TaskOutput("migrated", ValueTypes.Integer)]
[TaskOutput("failed", ValueTypes.Integer)]
public sealed partial class OstMigrateTask(ICommandRunner runner) : ICycloneTask
{
    /// <summary>Characters of <c>lfs find</c> output read per OST (file names of about 100 characters: about 600,000 files).</summary>
    private const int MaxFindChars = 64 << 20;

    public OstMigrateTask()
        : this(ProcessCommandRunner.Default)
    {
    }

    public async Task<JsonObject> RunAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = LfsRunner.Path(context);
        var osts = LfsRunner.Osts(context, "osts") ?? throw new TaskInputException("input 'osts' is missing; give the OSTs to empty, such as 0-15,20");
        var targets = LfsRunner.Osts(context, "target_osts");
        var start = TaskInputs.Has(context, "start_ost") ? (int?)TaskInputs.Integer(context, "start_ost", 0, 0, 65_535) : null;
        if (targets is not null && start is not null)
        {
            throw new TaskInputException("give 'target_osts' or 'start_ost', not both");
        }

        var stripes = (int)TaskInputs.Integer(context, "stripe_count", 1, -1, 2000);
        var size = TaskInputs.OptionalString(context, "min_size");
        if (size is not null && !Size().IsMatch(size))
        {
            throw new TaskInputException($"input 'min_size' must be a size as lfs find takes it, such as +1G or +500M, not '{Core.Parsing.Excerpt.Of(size)}'");
        }

        var maxFiles = TaskInputs.Integer(context, "max_files", 100_000, 1, 10_000_000);
        var parallelism = (int)TaskInputs.Integer(context, "parallelism", 1, 1, 16);
        var dryRun = TaskInputs.Boolean(context, "dry_run", false);
        var lfs = new LfsRunner(runner, LfsRunner.CommandLines(context), context.Output);

        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ost in osts.Indices())
        {
            var found = LfsFindParser.Parse((await lfs.RunAsync(lfs.Lines.FindOnOst(path, ost, size), cancellationToken, maxChars: MaxFindChars)).Stdout);
            files.AddRange(found.Where(seen.Add).Take((int)System.Math.Max(0, maxFiles - files.Count)));
            await context.Output.WriteLineAsync($"lustre.ost-migrate: OST {ost}: {found.Count} files");
        }

        if (dryRun)
        {
            foreach (var file in files)
            {
                await context.Output.WriteLineAsync(file);
            }

            return Counts(files.Count, 0, 0);
        }

        var errors = new ConcurrentQueue<string>();
        var migrated = 0;
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (file, ct) =>
        {
            var result = await runner.RunAsync(new CommandRequest(lfs.Lines.Migrate(stripes, targets, start, [file])), ct);
            if (result.ExitCode == 0)
            {
                Interlocked.Increment(ref migrated);
            }
            else
            {
                errors.Enqueue($"{file}: exit {result.ExitCode}: {Core.Parsing.Excerpt.Of(result.Stderr.Trim(), 200)}");
            }
        });

        await context.Output.WriteLineAsync($"lustre.ost-migrate: {files.Count} files found on OSTs {osts}, {migrated} migrated, {errors.Count} failed");
        if (!errors.IsEmpty)
        {
            throw new TaskFailedException(
                $"lustre.ost-migrate: {errors.Count} of {files.Count} files failed to migrate ({migrated} migrated); first: {string.Join("; ", errors.Take(3))}");
        }

        return Counts(files.Count, migrated, 0);
    }

    private static JsonObject Counts(int found, int migrated, int failed) =>
        new() { ["found"] = found, ["migrated"] = migrated, ["failed"] = failed };

    [GeneratedRegex(@"^[+-]?\d{1,15}[kMGTPE]?$")]
    private static partial Regex Size();
}
