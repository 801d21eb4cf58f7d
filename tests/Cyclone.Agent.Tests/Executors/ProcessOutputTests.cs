using Cyclone.Tests.Shared;
using Cyclone.Agent.Tests.Support;
using Cyclone.Protocol.Agent;

namespace Cyclone.Agent.Tests.Executors;

public sealed class ProcessOutputTests
{
    private const string Script = "printf \"out-$CYCLONE_PROCID\"; printf \"err-$CYCLONE_PROCID\" >&2";

    [Fact]
    public async Task Chunks_carry_task_attempt_rank_and_stream()
    {
        var harness = new ExecutorHarness();
        var lease = Leases.Shell(Script, procs: 2, node: 1, nnodes: 2);

        await harness.RunAsync(lease);

        Assert.All(harness.Sink.Chunks(), c => Assert.Equal((lease.TaskId, lease.Attempt), (c.TaskId, c.Attempt)));
        Assert.Equal("out-2", harness.Sink.Text(2, OutputStream.Stdout));
        Assert.Equal("err-2", harness.Sink.Text(2, OutputStream.Stderr));
        Assert.Equal("out-3", harness.Sink.Text(3, OutputStream.Stdout));
        Assert.Equal("err-3", harness.Sink.Text(3, OutputStream.Stderr));
    }

    [Fact]
    public async Task Binary_output_arrives_byte_for_byte()
    {
        var harness = new ExecutorHarness();

        await harness.RunAsync(Leases.Shell("head -c 200000 /dev/zero | tr '\\0' '\\377'"));

        var bytes = harness.Sink.Chunks().SelectMany(c => c.Data.ToByteArray()).ToArray();
        Assert.Equal(200_000, bytes.Length);
        Assert.All(bytes, b => Assert.Equal(0xFF, b));
    }

    [Fact]
    public async Task Output_and_error_patterns_write_one_file_per_rank_relative_to_the_working_dir()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("out-7-0.txt"), "stale content that must be truncated");
        var harness = new ExecutorHarness();
        var lease = Leases.Shell(Script, procs: 2);
        lease.WorkingDir = dir.Path;
        lease.OutputPattern = "out-%j-%t.txt";
        lease.ErrorPattern = "err-%n-%t.txt";

        await harness.RunAsync(lease);

        Assert.Equal("out-0", await File.ReadAllTextAsync(dir.File("out-7-0.txt")));
        Assert.Equal("out-1", await File.ReadAllTextAsync(dir.File("out-7-1.txt")));
        Assert.Equal("err-0", await File.ReadAllTextAsync(dir.File("err-0-0.txt")));
        Assert.Equal("err-1", await File.ReadAllTextAsync(dir.File("err-0-1.txt")));
        Assert.Equal("out-0", harness.Sink.Text(0));
    }

    [Fact]
    public async Task Without_an_error_pattern_stderr_goes_to_the_output_file()
    {
        using var dir = new TempDirectory();
        var harness = new ExecutorHarness();
        var lease = Leases.Shell("echo to-out; echo to-err >&2");
        lease.WorkingDir = dir.Path;
        lease.OutputPattern = "job-%j.log";

        await harness.RunAsync(lease);

        var text = await File.ReadAllTextAsync(dir.File("job-7.log"));
        Assert.Contains("to-out\n", text, StringComparison.Ordinal);
        Assert.Contains("to-err\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_output_file_that_cannot_be_created_fails_the_start()
    {
        using var dir = new TempDirectory();
        var lease = Leases.Shell("true");
        lease.WorkingDir = dir.Path;
        lease.OutputPattern = "missing/out.txt";

        var result = await new ExecutorHarness().RunAsync(lease);

        Assert.Equal(OutcomeKind.StartFailed, result.Kind);
        Assert.Contains($"cannot create output file '{dir.File("missing/out.txt")}'", result.Message, StringComparison.Ordinal);
    }
}
