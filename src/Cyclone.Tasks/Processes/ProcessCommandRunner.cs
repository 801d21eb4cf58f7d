using System.ComponentModel;
using System.Diagnostics;

namespace Cyclone.Tasks.Processes;

/// <summary>
/// Runs commands as real processes, each in a session and process group of its own (through <c>setsid</c>
/// when it is installed), with stdin closed. A time limit or a cancellation kills the whole group and every
/// descendant still linked to the command; when the command exits, whatever it left running in its group is
/// killed too, so nothing outlives the task.
/// </summary>
public sealed class ProcessCommandRunner(TimeProvider time) : ICommandRunner
{
    /// <summary>How long to wait for the output pipes to close once the command has ended.</summary>
    private static readonly TimeSpan PipeGrace = TimeSpan.FromSeconds(5);

    private static readonly Lazy<string?> Setsid = new(() =>
        new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists));

    public ProcessCommandRunner()
        : this(TimeProvider.System)
    {
    }

    /// <summary>The runner the built-in tasks use.</summary>
    public static ProcessCommandRunner Default { get; } = new();

    public async Task<CommandResult> RunAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Argv.Count == 0 || string.IsNullOrEmpty(request.Argv[0]))
        {
            throw new ArgumentException("the command is empty", nameof(request));
        }

        cancellationToken.ThrowIfCancellationRequested();
        using var process = new Process { StartInfo = StartInfo(request) };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new TaskFailedException($"'{request.Argv[0]}' could not be started: {ex.Message}", ex);
        }

        var grouped = Setsid.Value is not null;
        process.StandardInput.Close();
        var stdout = new OutputCapture(process.StandardOutput, request.MaxCaptureChars);
        var stderr = new OutputCapture(process.StandardError, request.MaxCaptureChars);
        using var limit = request.Timeout is { } timeout ? new CancellationTokenSource(timeout, time) : new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process, grouped);
            await process.WaitForExitAsync(CancellationToken.None);
            timedOut = !cancellationToken.IsCancellationRequested;
        }

        if (grouped)
        {
            NativeMethods.Kill(-process.Id, NativeMethods.SigKill); // what it left running in its group
        }

        var pipes = Task.WhenAll(stdout.Completion, stderr.Completion);
        await Task.WhenAny(pipes, Task.Delay(PipeGrace, time, CancellationToken.None));
        cancellationToken.ThrowIfCancellationRequested();
        return new CommandResult(timedOut ? -1 : process.ExitCode, stdout.Text, stderr.Text, timedOut, stdout.Truncated || stderr.Truncated);
    }

    private static ProcessStartInfo StartInfo(CommandRequest request)
    {
        var info = new ProcessStartInfo
        {
            FileName = Setsid.Value ?? request.Argv[0],
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in Setsid.Value is null ? request.Argv.Skip(1) : request.Argv)
        {
            info.ArgumentList.Add(arg);
        }

        if (request.WorkingDirectory is { Length: > 0 } directory)
        {
            info.WorkingDirectory = directory;
        }

        foreach (var (name, value) in request.Environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        return info;
    }

    private static void Kill(Process process, bool grouped)
    {
        if (grouped)
        {
            NativeMethods.Kill(-process.Id, NativeMethods.SigKill);
        }

        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // it has exited already
        }
    }
}
