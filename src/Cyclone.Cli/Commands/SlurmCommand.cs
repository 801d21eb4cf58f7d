using System.CommandLine;
using System.Globalization;
using Cyclone.Agent.Executors.Slurm;
using Cyclone.Cli.Common;

namespace Cyclone.Cli.Commands;

/// <summary><c>cyclone slurm pilots</c>: grows the cluster onto Slurm allocations by submitting agents as Slurm jobs.</summary>
public static class SlurmCommand
{
    public static Command Create()
    {
        var hub = HubOption.Create("The hub's REST address as the compute nodes reach it (env CYCLONE_HUB sets the default)");
        var count = new Option<int>("--count") { Description = "How many pilot jobs to submit", HelpName = "N", Required = true };
        var nodes = new Option<int>("--nodes-per-pilot") { Description = "Nodes of each pilot job; one agent runs on each", HelpName = "K", DefaultValueFactory = _ => 1 };
        var time = new Option<string>("--time") { Description = "Each pilot's time limit: 2h, 90m, or a Slurm time (minutes, h:m:s, d-h:m:s)", HelpName = "T", DefaultValueFactory = _ => "1h" };
        var tokenFile = new Option<string>("--token-file") { Description = "File holding an agent token, on a file system the compute nodes share", HelpName = "FILE", Required = true };
        var slots = new Option<int?>("--slots") { Description = "Slots of each agent [default: the node's processors]", HelpName = "N" };
        var labels = new Option<string?>("--labels") { Description = "More labels for the pilot agents (they carry 'pilot' anyway)", HelpName = "a,b" };
        var prefix = new Option<string>("--name-prefix") { Description = "Start of each agent's name (PREFIX-JOBID-NODE)", HelpName = "NAME", DefaultValueFactory = _ => "pilot" };
        var output = new Option<string>("--output") { Description = "Each pilot's log file (sbatch --output; %j is the job id)", HelpName = "FILE", DefaultValueFactory = _ => "cyclone-pilot-%j.out" };
        var program = new Option<string?>("--cyclone") { Description = "The cyclone program on the compute nodes [default: this one]", HelpName = "PATH" };
        var sbatch = new Argument<string[]>("sbatch-options") { Description = "More sbatch options for each pilot, after --", Arity = ArgumentArity.ZeroOrMore };
        var pilots = new Command("pilots", "Submit Cyclone agents as Slurm jobs: they join the hub when Slurm starts them and leave before their allocation ends.")
        {
            hub, count, nodes, time, tokenFile, slots, labels, prefix, output, program, sbatch,
        };
        pilots.SetAction(async (r, ct) =>
        {
            var problem = Check(r.GetValue(count), r.GetValue(nodes), r.GetValue(time), r.GetValue(tokenFile), out var limit);
            if (problem is not null)
            {
                ClientAction.Fail(problem);
                return CycloneCommandLine.UsageError;
            }

            var job = new PilotJob(CycloneProgram.Words(r.GetValue(program)), r.GetValue(hub) ?? HubOption.Default(), Path.GetFullPath(r.GetValue(tokenFile)!), r.GetValue(prefix) ?? "pilot",
                r.GetValue(slots), r.GetValue(labels) ?? string.Empty);
            var script = Path.Combine(Path.GetTempPath(), $"cyclone-pilot-{Guid.NewGuid():N}.sh");
            await File.WriteAllTextAsync(script, job.Script(), ct);
            try
            {
                var commands = new SlurmCommands();
                for (var i = 0; i < r.GetValue(count); i++)
                {
                    var args = PilotJob.SbatchArguments(r.GetValue(nodes), limit, Path.GetFullPath(r.GetValue(output)!), r.GetValue(sbatch) ?? [], script);
                    var result = await commands.RunAsync("sbatch", args, null, ct);
                    if (!result.Succeeded || SlurmOutputParser.SbatchJobId(result.Stdout) is not { } id)
                    {
                        ClientAction.Fail($"sbatch refused pilot {i + 1} of {r.GetValue(count)}: {result.Problem}");
                        return 1;
                    }

                    await Console.Out.WriteLineAsync(id.ToString(CultureInfo.InvariantCulture));
                }
            }
            finally
            {
                File.Delete(script);
            }

            return 0;
        });
        return new Command("slurm", "Work with Slurm: submit pilot agents.") { pilots };
    }

    private static string? Check(int count, int nodes, string? time, string? tokenFile, out TimeSpan limit)
    {
        limit = TimeSpan.Zero;
        if (count is < 1 or > 10_000)
        {
            return $"--count must be between 1 and 10000 (is {count})";
        }

        if (nodes is < 1 or > 100_000)
        {
            return $"--nodes-per-pilot must be between 1 and 100000 (is {nodes})";
        }

        if (ParseTime(time) is not { } parsed)
        {
            return $"--time '{time}' is not a time: give 2h, 90m, 30s, 1d, or a Slurm time (minutes, h:m:s, d-h:m:s); pilots need a limit";
        }

        limit = parsed;
        return string.IsNullOrEmpty(tokenFile) || !File.Exists(tokenFile) ? $"--token-file '{tokenFile}' does not exist (make one with: cyclone token create --role agent --output FILE)" : null;
    }

    /// <summary><c>2h</c>, <c>90m</c>, <c>30s</c>, <c>1d</c>, or a Slurm time limit; null when it is none, or unlimited.</summary>
    internal static TimeSpan? ParseTime(string? text)
    {
        var t = (text ?? string.Empty).Trim();
        if (t.Length > 1 && "smhd".Contains(t[^1], StringComparison.Ordinal)
            && double.TryParse(t[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) && amount > 0 && amount < 1_000_000)
        {
            return t[^1] switch { 's' => TimeSpan.FromSeconds(amount), 'm' => TimeSpan.FromMinutes(amount), 'h' => TimeSpan.FromHours(amount), _ => TimeSpan.FromDays(amount) };
        }

        return Core.Parsing.TimeLimitParser.TryParse(t, out var limit, out _) ? limit : null;
    }
}
