using System.Globalization;
using System.Text.Json.Nodes;
using Cyclone.Tests.Shared;
using static Cyclone.Tasks.Tests.TaskRunner;

namespace Cyclone.Tasks.Tests.Builtin.Shell;

public sealed class ShellTaskTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private string Dir => _temp.Path;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_command_that_succeeds_reports_exit_code_zero_and_its_output_in_outputs_and_log()
    {
        using var log = new StringWriter();
        var task = Tasks.Catalog.TaskCatalog.Builtin.Create("shell")!;
        var outputs = await task.RunAsync(Context(new JsonObject { ["command"] = "echo hi; echo oops >&2" }, log), CancellationToken.None);
        Assert.Equal(0, outputs["exit_code"]!.GetValue<int>());
        Assert.Equal("hi\n", outputs["stdout"]!.GetValue<string>());
        Assert.Equal("oops\n", outputs["stderr"]!.GetValue<string>());
        Assert.Contains("hi", log.ToString(), StringComparison.Ordinal);
        Assert.Contains("oops", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_zero_exit_fails_with_that_exit_code_and_the_last_error_line()
    {
        var error = await Assert.ThrowsAsync<TaskFailedException>(() =>
            RunAsync("shell", new JsonObject { ["command"] = "echo 'disk on fire' >&2; exit 3" }));
        Assert.Equal(3, error.ExitCode);
        Assert.Contains("exited with code 3: disk on fire", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_working_directory_and_environment_are_the_ones_given()
    {
        var outputs = await RunAsync("shell", new JsonObject
        {
            ["command"] = "pwd; echo \"$GREETING\"",
            ["working_directory"] = Dir,
            ["environment"] = new JsonObject { ["GREETING"] = "hello there" },
        });
        Assert.Equal($"{Dir}\nhello there\n", outputs["stdout"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_command_past_its_timeout_fails_and_its_process_group_is_killed()
    {
        var pidFile = Path.Combine(Dir, "child.pid");
        var error = await Assert.ThrowsAsync<TaskFailedException>(() => RunAsync("shell", new JsonObject
        {
            ["command"] = $"sleep 300 & echo $! > {pidFile}; wait",
            ["timeout_seconds"] = 0.5,
        }));
        Assert.Contains("did not finish within 0.5 s", error.Message, StringComparison.Ordinal);
        var child = int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture);
        await Eventually.TrueAsync(() => !IsAlive(child), $"the background child {child} is gone");
    }

    [Fact]
    public async Task Cancelling_the_task_kills_the_child_and_ends_cancelled()
    {
        var pidFile = Path.Combine(Dir, "child.pid");
        using var stop = new CancellationTokenSource();
        var running = RunAsync("shell", new JsonObject { ["command"] = $"sleep 300 & echo $! > {pidFile}; wait" }, stop.Token);
        await Eventually.TrueAsync(() => File.Exists(pidFile) && File.ReadAllText(pidFile).EndsWith('\n'), "the child has written its pid");
        var child = int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture);
        Assert.True(IsAlive(child));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        await Eventually.TrueAsync(() => !IsAlive(child), $"the child {child} is gone");
    }

    [Theory]
    [InlineData("""{}""", "'command' is missing")]
    [InlineData("""{"command": "  "}""", "'command' is empty")]
    [InlineData("""{"command": "true", "timeout_seconds": -1}""", "'timeout_seconds' must be between 0 and")]
    [InlineData("""{"command": "true", "working_directory": "/no/such/dir"}""", "'/no/such/dir' does not exist")]
    [InlineData("""{"command": "true", "environment": {"A": 1}}""", "'A' must be a string")]
    public async Task Bad_inputs_are_refused_and_name_the_input(string inputs, string expected)
    {
        var error = await Assert.ThrowsAsync<TaskInputException>(() => RunAsync("shell", inputs));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    /// <summary>Whether a process lives (a zombie waiting to be reaped counts as gone).</summary>
    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
