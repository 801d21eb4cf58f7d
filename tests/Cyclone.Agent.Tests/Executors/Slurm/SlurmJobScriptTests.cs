using System.Diagnostics;
using Cyclone.Agent.Attempts;
using Cyclone.Agent.Executors.Slurm;
using Cyclone.Protocol.Agent;

namespace Cyclone.Agent.Tests.Executors.Slurm;

public sealed class SlurmJobScriptTests
{
    [Fact]
    public void The_batch_script_starts_the_processes_as_ranks_of_one_srun_step_each_with_its_own_output_files()
    {
        var lease = new Lease { TaskId = 1, Attempt = 1, ProcsPerNode = 3, CpusPerProc = 2 };
        var files = new SlurmJobFiles("/jobs", AttemptId.Of(lease));

        var script = SlurmJobScript.Batch(lease, files, "login");

        Assert.Contains("exec srun --ntasks=3 --ntasks-per-node=3 --cpus-per-task=2 --kill-on-bad-exit=0 --output='/jobs/1-1-0/out-%t.txt' --error='/jobs/1-1-0/err-%t.txt' /bin/bash '/jobs/1-1-0/rank.sh'", script, StringComparison.Ordinal);
    }

    [Fact]
    public void The_batch_script_of_a_task_placed_whole_starts_every_nodes_processes_in_one_srun_step()
    {
        var lease = new Lease { TaskId = 1, Attempt = 1, Nnodes = 2, ProcsPerNode = 3, CpusPerProc = 1 };
        lease.Nodelist.AddRange(["login", "login"]);
        var files = new SlurmJobFiles("/jobs", AttemptId.Of(lease));

        var script = SlurmJobScript.Batch(lease, files, "login");

        Assert.Contains("exec srun --ntasks=6 --ntasks-per-node=3 --cpus-per-task=1 ", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rank_script_of_a_task_placed_whole_takes_its_rank_and_node_from_Slurm_and_writes_its_exit_status_by_job_rank()
    {
        var dir = Directory.CreateTempSubdirectory("cyclone-rank-").FullName;
        try
        {
            var lease = new Lease { TaskId = 1, Attempt = 1, NodeIndex = 0, Nnodes = 2, ProcsPerNode = 2 };
            lease.Nodelist.AddRange(["login", "login"]);
            lease.Command.AddRange(["sh", "-c", "echo \"$CYCLONE_PROCID $CYCLONE_LOCALID $CYCLONE_NODEID $CM_NODE_RANK $CYCLONE_NODENAME $CYCLONE_NODELIST\"; exit 5"]);
            var files = new SlurmJobFiles(dir, AttemptId.Of(lease));
            Directory.CreateDirectory(files.Directory);
            await File.WriteAllTextAsync(files.RankScript, SlurmJobScript.Rank(lease, files, []));

            var start = new ProcessStartInfo("/bin/bash", [files.RankScript]) { RedirectStandardOutput = true, UseShellExecute = false };
            start.Environment["SLURM_LOCALID"] = "0";
            start.Environment["SLURM_PROCID"] = "2";
            start.Environment["SLURM_NODEID"] = "1";
            start.Environment["SLURMD_NODENAME"] = "n2";
            start.Environment["SLURM_JOB_NODELIST"] = "n[1-2]";
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();

            Assert.Equal("2 0 1 1 n2 n[1-2]\n", output);
            Assert.True(File.Exists(files.ExitFile(2)));
            Assert.Equal(5, files.RankExitStatus(SlurmJobScript.Ranks(lease)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task The_rank_script_runs_the_command_with_quoted_arguments_and_rank_variables_and_writes_its_exit_status()
    {
        var dir = Directory.CreateTempSubdirectory("cyclone-rank-").FullName;
        try
        {
            var lease = new Lease { TaskId = 1, Attempt = 1, NodeIndex = 1, Nnodes = 2, ProcsPerNode = 2 };
            lease.Command.AddRange(["sh", "-c", "echo \"$GREETING $CYCLONE_PROCID $CM_PROC_RANK $CYCLONE_LOCALID\"; exit 4", "it's"]);
            var files = new SlurmJobFiles(dir, AttemptId.Of(lease));
            Directory.CreateDirectory(files.Directory);
            await File.WriteAllTextAsync(files.RankScript, SlurmJobScript.Rank(lease, files, [new("GREETING", "it's $HOME"), new("not a name", "x")]));

            var start = new ProcessStartInfo("/bin/bash", [files.RankScript]) { RedirectStandardOutput = true, UseShellExecute = false };
            start.Environment["SLURM_LOCALID"] = "1";
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();

            Assert.Equal("it's $HOME 3 3 1\n", output);
            Assert.Equal(4, process.ExitCode);
            Assert.Equal(4, files.RankExitStatus(2));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
