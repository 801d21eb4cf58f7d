using Cyclone.EndToEnd.Tests.Cluster;
using Xunit.Abstractions;

namespace Cyclone.EndToEnd.Tests;

public sealed class TypedTaskJobTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_typed_task_runs_inside_the_agent_with_its_parameters_and_run_wait_returns_its_outputs_or_its_exit_code()
    {
        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        await cluster.StartAgentAsync("a", slots: 2);

        var power = await cluster.CliAsync("run", "--task", "math.Power", "--param", "base=2", "--param", "exponent=10", "--wait", "--json");
        Assert.True(power.ExitCode == 0, power.ToString());
        Assert.Contains("\"result\": 1024", power.Stdout, StringComparison.Ordinal);

        var shell = await cluster.CliAsync("run", "--task", "shell", "--param", "command=echo hi-from-shell; exit 3", "--wait");
        Assert.True(shell.ExitCode != 0, shell.ToString());
        var failed = await cluster.JobAsync(long.Parse(shell.Stdout.Trim().Split('\n')[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(("FAILED", 3), (failed.State, failed.ExitCode));

        var unknown = await cluster.CliAsync("run", "--task", "math.Frobnicate");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no task kind 'math.Frobnicate'", unknown.Stderr, StringComparison.Ordinal);

        var both = await cluster.CliAsync("run", "--task", "noop", "--", "true");
        Assert.NotEqual(0, both.ExitCode);
        Assert.Contains("not both", both.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_file_in_xml_or_json_presets_the_parameters_and_param_overrides_them()
    {
        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        await cluster.StartAgentAsync("a", slots: 1);
        var dir = Directory.CreateTempSubdirectory("cyclone-taskfile-").FullName;
        try
        {
            var xml = Path.Combine(dir, "power.xml");
            await File.WriteAllTextAsync(xml, "<task>\n  <base>3</base>\n  <param name=\"exponent\">4</param>\n</task>\n");
            var fromXml = await cluster.CliAsync("run", "--task", "math.Power", "--param-file", xml, "--wait", "--json");
            Assert.True(fromXml.ExitCode == 0, fromXml.ToString());
            Assert.Contains("\"result\": 81", fromXml.Stdout, StringComparison.Ordinal);

            var json = Path.Combine(dir, "power.json");
            await File.WriteAllTextAsync(json, """{"base": 2, "exponent": 3}""");
            var overridden = await cluster.CliAsync("run", "--task", "math.Power", "--param-file", json, "--param", "exponent=5", "--wait", "--json");
            Assert.True(overridden.ExitCode == 0, overridden.ToString());
            Assert.Contains("\"result\": 32", overridden.Stdout, StringComparison.Ordinal);

            var broken = Path.Combine(dir, "broken.xml");
            await File.WriteAllTextAsync(broken, "<task>\n<base>3</task>");
            var refused = await cluster.CliAsync("run", "--task", "math.Power", "--param-file", broken);
            Assert.NotEqual(0, refused.ExitCode);
            Assert.Contains($"--param-file {broken}: not well-formed XML (line 2", refused.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_noop_array_completes_every_element_once_with_short_tasks_queued_ahead_on_the_agent()
    {
        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        await cluster.StartAgentAsync("a", slots: 2);

        var run = await cluster.CliAsync("run", "--task", "noop", "--array", "0-1999", "--wait");
        Assert.True(run.ExitCode == 0, run.ToString());

        var job = await cluster.JobAsync(long.Parse(run.Stdout.Trim().Split('\n')[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("COMPLETED", job.State);
        Assert.Equal(2000, job.Tasks!.Count);
        Assert.All(job.Tasks, t => Assert.Equal(("COMPLETED", 1), (t.State, t.Attempt)));
    }
}
