using System.ComponentModel;
using System.Diagnostics;

namespace Cyclone.Agent.Executors.Slurm;

/// <summary>Runs Slurm's commands as processes, found on the agent's PATH; a command that does not answer in time is killed.</summary>
public sealed class SlurmCommands : ISlurmCommands
{
    /// <summary>How long one command may take (a busy slurmctld answers slowly, but answers).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public async Task<SlurmCommandResult> RunAsync(string program, IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment, CancellationToken ct)
    {
        var path = ProgramResolver.Resolve(program, Environment.CurrentDirectory, Environment.GetEnvironmentVariable("PATH"), out var error);
        if (path is null)
        {
            return new SlurmCommandResult(127, string.Empty, $"{error} on host {Environment.MachineName} (is Slurm's client installed?)");
        }

        var info = new ProcessStartInfo(path) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        if (environment is not null)
        {
            info.Environment.Clear();
            foreach (var (key, value) in environment)
            {
                info.Environment[key] = value;
            }
        }

        foreach (var secret in LeaseEnvironment.AgentSecrets)
        {
            info.Environment.Remove(secret);
        }

        try
        {
            using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
            process.StandardInput.Close();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Timeout);
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                ct.ThrowIfCancellationRequested();
                return new SlurmCommandResult(124, string.Empty, $"{program} did not answer within {Timeout.TotalSeconds:0} s");
            }

            return new SlurmCommandResult(process.ExitCode, await stdout, await stderr);
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException or IOException)
        {
            return new SlurmCommandResult(126, string.Empty, $"cannot run {path}: {ex.Message}");
        }
    }
}
