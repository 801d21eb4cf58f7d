using Cyclone.Agent.Attempts;
using Cyclone.Agent.Executors.Slurm;
using Cyclone.Protocol.Agent;

namespace Cyclone.Agent.Tests.Executors.Slurm;

public sealed class SlurmOutputFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cyclone-slurm-out-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Output_and_error_patterns_are_filled_from_each_ranks_files_with_job_node_and_rank_expanded()
    {
        var lease = new Lease { TaskId = 5, JobId = 77, Attempt = 1, Nnodes = 2, ProcsPerNode = 2, OutputPattern = "logs/out-%j-%n-%t.txt", ErrorPattern = "logs/all.err" };
        lease.Nodelist.AddRange(["login", "login"]);
        var files = new SlurmJobFiles(Path.Combine(_dir, "jobs"), AttemptId.Of(lease));
        Directory.CreateDirectory(files.Directory);

        Assert.Null(SlurmOutputFiles.Create(lease, files, _dir));
        Assert.True(File.Exists(Path.Combine(_dir, "logs", "out-77-1-3.txt")));
        for (var rank = 0; rank < 4; rank++)
        {
            await File.WriteAllTextAsync(files.RankOutput(rank), $"out {rank}\n");
            await File.WriteAllTextAsync(files.RankError(rank), $"err {rank}\n");
        }

        await File.WriteAllTextAsync(files.BatchError, "slurmstepd: message\n");
        Assert.Null(await SlurmOutputFiles.FillAsync(lease, files, _dir));

        Assert.Equal("out 0\n", await File.ReadAllTextAsync(Path.Combine(_dir, "logs", "out-77-0-0.txt")));
        Assert.Equal("out 1\n", await File.ReadAllTextAsync(Path.Combine(_dir, "logs", "out-77-0-1.txt")));
        Assert.Equal("out 2\n", await File.ReadAllTextAsync(Path.Combine(_dir, "logs", "out-77-1-2.txt")));
        Assert.Equal("out 3\n", await File.ReadAllTextAsync(Path.Combine(_dir, "logs", "out-77-1-3.txt")));
        Assert.Equal("err 0\nslurmstepd: message\nerr 1\nerr 2\nerr 3\n", await File.ReadAllTextAsync(Path.Combine(_dir, "logs", "all.err")));
    }

    [Fact]
    public async Task Without_an_error_pattern_stderr_goes_to_the_output_file_and_a_part_of_a_spread_task_keeps_its_node_and_ranks()
    {
        var lease = new Lease { TaskId = 5, JobId = 9, Attempt = 1, NodeIndex = 1, Nnodes = 2, ProcsPerNode = 1, OutputPattern = "o-%n-%t" };
        lease.Nodelist.AddRange(["a", "b"]);
        var files = new SlurmJobFiles(Path.Combine(_dir, "jobs"), AttemptId.Of(lease));
        Directory.CreateDirectory(files.Directory);
        Assert.Null(SlurmOutputFiles.Create(lease, files, _dir));
        await File.WriteAllTextAsync(files.RankOutput(0), "hello\n");
        await File.WriteAllTextAsync(files.RankError(0), "oops\n");

        Assert.Null(await SlurmOutputFiles.FillAsync(lease, files, _dir));

        Assert.Equal("hello\noops\n", await File.ReadAllTextAsync(Path.Combine(_dir, "o-1-1")));
    }

    [Fact]
    public void A_pattern_file_that_cannot_be_created_is_named_in_the_error()
    {
        var lease = new Lease { TaskId = 5, JobId = 9, Attempt = 1, Nnodes = 1, OutputPattern = "/proc/no-such/out-%t" };
        var files = new SlurmJobFiles(Path.Combine(_dir, "jobs"), AttemptId.Of(lease));

        Assert.Contains("/proc/no-such/out-0", SlurmOutputFiles.Create(lease, files, _dir), StringComparison.Ordinal);
    }
}
