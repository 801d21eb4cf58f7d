using Cyclone.Tests.Shared;
using Cyclone.Agent.Tests.Support;
using Cyclone.Protocol.Agent;

namespace Cyclone.Agent.Tests.Executors;

public sealed class ProcessExitTests
{
    [Theory]
    [InlineData("exit 0", 0)]
    [InlineData("exit 3", 3)]
    [InlineData("kill -9 $$", 128 + 9)]
    [InlineData("kill -TERM $$", 128 + 15)]
    public async Task Exit_status_is_reported_with_signals_as_128_plus_n(string script, int expected)
    {
        var result = await new ExecutorHarness().RunAsync(Leases.Shell(script));

        Assert.Equal(OutcomeKind.Exited, result.Kind);
        Assert.Equal(expected, result.ExitCode);
    }

    [Fact]
    public async Task The_first_non_zero_status_by_local_rank_wins()
    {
        // rank 2 fails first in time (5), rank 1 later (3): rank order decides
        const string script = "case $CYCLONE_LOCALID in 0) exit 0;; 1) sleep 0.3; exit 3;; *) exit 5;; esac";

        var result = await new ExecutorHarness().RunAsync(Leases.Shell(script, procs: 3));

        Assert.Equal(OutcomeKind.Exited, result.Kind);
        Assert.Equal(3, result.ExitCode);
    }

    [Fact]
    public async Task All_processes_succeeding_report_zero()
    {
        var result = await new ExecutorHarness().RunAsync(Leases.Shell("true", procs: 4));

        Assert.Equal(OutcomeKind.Exited, result.Kind);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Message);
    }

    [Fact]
    public async Task Unknown_program_fails_to_start_saying_what_and_where()
    {
        var lease = Leases.Shell("unused");
        lease.Command.Clear();
        lease.Command.Add("no-such-program-cyclone");

        var result = await new ExecutorHarness().RunAsync(lease);

        Assert.Equal(OutcomeKind.StartFailed, result.Kind);
        Assert.Contains("'no-such-program-cyclone' not found on PATH", result.Message, StringComparison.Ordinal);
        Assert.Contains(Environment.MachineName, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Program_path_relative_to_the_working_directory_is_found_or_reported()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("run.sh"), "#!/bin/sh\necho ran\n");
        File.SetUnixFileMode(dir.File("run.sh"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await File.WriteAllTextAsync(dir.File("plain.sh"), "#!/bin/sh\necho ran\n");
        var harness = new ExecutorHarness();
        var good = Leases.Shell("unused");
        good.Command.Clear();
        good.Command.Add("./run.sh");
        good.WorkingDir = dir.Path;
        var notExecutable = good.Clone();
        notExecutable.Command[0] = "./plain.sh";

        var ran = await harness.RunAsync(good);
        var failed = await harness.RunAsync(notExecutable);

        Assert.Equal(OutcomeKind.Exited, ran.Kind);
        Assert.Equal("ran\n", harness.Sink.Text(0));
        Assert.Equal(OutcomeKind.StartFailed, failed.Kind);
        Assert.Contains($"'{dir.File("plain.sh")}' is not executable", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_executable_script_without_an_interpreter_line_runs_with_the_shell_in_its_working_directory()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("bare"), "echo \"in $(pwd) with $1\"\nexit 7\n");
        File.SetUnixFileMode(dir.File("bare"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var harness = new ExecutorHarness();
        var lease = Leases.Shell("unused");
        lease.Command.Clear();
        lease.Command.Add("./bare");
        lease.Command.Add("one arg");
        lease.WorkingDir = dir.Path;

        var result = await harness.RunAsync(lease);

        Assert.Equal((OutcomeKind.Exited, 7), (result.Kind, result.ExitCode));
        Assert.Equal($"in {dir.Path} with one arg\n", harness.Sink.Text(0));
    }

    [Fact]
    public async Task Missing_working_directory_fails_to_start_naming_it()
    {
        var lease = Leases.Shell("true");
        lease.WorkingDir = "/no/such/dir/cyclone";

        var result = await new ExecutorHarness().RunAsync(lease);

        Assert.Equal(OutcomeKind.StartFailed, result.Kind);
        Assert.Contains("working directory '/no/such/dir/cyclone' does not exist", result.Message, StringComparison.Ordinal);
    }
}
