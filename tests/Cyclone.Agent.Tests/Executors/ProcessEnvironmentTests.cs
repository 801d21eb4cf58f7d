using Cyclone.Tests.Shared;
using Cyclone.Agent.Tests.Support;
using Cyclone.Protocol.Agent;

namespace Cyclone.Agent.Tests.Executors;

public sealed class ProcessEnvironmentTests
{
    [Fact]
    public async Task Every_cyclone_variable_is_set_for_two_processes_on_node_one_of_two()
    {
        var harness = new ExecutorHarness();
        var lease = Leases.Shell("env | grep -E '^(CYCLONE|CM)_' | sort", procs: 2, node: 1, nnodes: 2);
        lease.JobId = 17;
        lease.TaskId = 4242;
        lease.TaskIndex = 3;
        lease.Attempt = 2;

        var result = await harness.RunAsync(lease);

        Assert.Equal(OutcomeKind.Exited, result.Kind);
        for (var local = 0; local < 2; local++)
        {
            var rank = 2 + local;
            var vars = harness.Sink.Text(rank).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
            Assert.Equal("17", vars["CYCLONE_JOB_ID"]);
            Assert.Equal("4242", vars["CYCLONE_TASK_ID"]);
            Assert.Equal("3", vars["CYCLONE_TASK_INDEX"]);
            Assert.Equal("2", vars["CYCLONE_ATTEMPT"]);
            Assert.Equal("1", vars["CYCLONE_NODEID"]);
            Assert.Equal("2", vars["CYCLONE_NNODES"]);
            Assert.Equal(local.ToString(System.Globalization.CultureInfo.InvariantCulture), vars["CYCLONE_LOCALID"]);
            Assert.Equal(rank.ToString(System.Globalization.CultureInfo.InvariantCulture), vars["CYCLONE_PROCID"]);
            Assert.Equal("4", vars["CYCLONE_NPROCS"]);
            Assert.Equal("host0,host1", vars["CYCLONE_NODELIST"]);
            Assert.Equal("1", vars["CM_NODE_RANK"]);
            Assert.Equal(rank.ToString(System.Globalization.CultureInfo.InvariantCulture), vars["CM_PROC_RANK"]);
        }
    }

    [Fact]
    public async Task Working_directory_and_lease_environment_replace_the_agents()
    {
        using var dir = new TempDirectory();
        var harness = new ExecutorHarness();
        var lease = Leases.Shell("pwd; echo \"foo=$FOO\"; echo \"home=${HOME:-unset}\"");
        lease.WorkingDir = dir.Path;
        lease.Env.Add("PATH", "/usr/bin:/bin");
        lease.Env.Add("FOO", "bar baz");

        var result = await harness.RunAsync(lease);

        Assert.Equal(OutcomeKind.Exited, result.Kind);
        var lines = harness.Sink.Text(0).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Path.GetFullPath(dir.Path), lines[0]);
        Assert.Equal("foo=bar baz", lines[1]);
        Assert.Equal("home=unset", lines[2]);
    }

    [Fact]
    public async Task Without_lease_environment_the_agents_environment_and_directory_are_used()
    {
        var harness = new ExecutorHarness();
        var lease = Leases.Shell("pwd; echo \"path=$PATH\"");

        await harness.RunAsync(lease);

        var lines = harness.Sink.Text(0).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Environment.CurrentDirectory, lines[0]);
        Assert.Equal("path=" + Environment.GetEnvironmentVariable("PATH"), lines[1]);
    }

    [Fact]
    public async Task Stdin_reads_end_of_file_at_once()
    {
        var harness = new ExecutorHarness();

        var result = await harness.RunAsync(Leases.Shell("cat; echo done"));

        Assert.Equal(OutcomeKind.Exited, result.Kind);
        Assert.Equal("done\n", harness.Sink.Text(0));
    }

    [Fact]
    public async Task Each_process_leads_its_own_session()
    {
        var harness = new ExecutorHarness();

        await harness.RunAsync(Leases.Shell("echo $$; cut -d' ' -f6 /proc/$$/stat"));

        var lines = harness.Sink.Text(0).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).ToList();
        Assert.Equal(lines[0], lines[1]);
    }
}
