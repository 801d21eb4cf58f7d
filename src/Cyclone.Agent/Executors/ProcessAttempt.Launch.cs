using System.ComponentModel;
using System.Diagnostics;

namespace Cyclone.Agent.Executors;

public sealed partial class ProcessAttempt
{
    private readonly record struct Launch(string Setsid, string Program, string WorkingDir);

    /// <summary>Checks what can be checked before anything starts: the working directory and the program.</summary>
    private bool TryPrepare(string? setsid, out Launch launch, out string error)
    {
        launch = default;
        var host = Environment.MachineName;
        if (setsid is null)
        {
            error = $"setsid (util-linux) not found on the PATH of the agent on host {host}; it is needed to run tasks in their own session";
            return false;
        }

        if (Lease.Command.Count == 0)
        {
            error = "the lease has no command";
            return false;
        }

        var workingDir = string.IsNullOrEmpty(Lease.WorkingDir) ? Environment.CurrentDirectory : Path.GetFullPath(Lease.WorkingDir);
        if (!Directory.Exists(workingDir))
        {
            error = $"working directory '{Lease.WorkingDir}' does not exist on host {host}";
            return false;
        }

        var path = Lease.Env.Count > 0 && Lease.Env.TryGetValue("PATH", out var leasePath) ? leasePath : Environment.GetEnvironmentVariable("PATH");
        var program = ProgramResolver.Resolve(Lease.Command[0], workingDir, path, out error);
        if (program is null)
        {
            error = $"{error} on host {host}";
            return false;
        }

        launch = new Launch(setsid, program, workingDir);
        return true;
    }

    private bool TryLaunchAll(Launch launch, TaskDataFiles data, List<Process> processes, out string error)
    {
        error = string.Empty;
        for (var local = 0; local < LeaseEnvironment.ProcsPerNode(Lease); local++)
        {
            try
            {
                processes.Add(LaunchOne(launch, data, local));
            }
            catch (Exception ex) when (ex is Win32Exception or InvalidOperationException or IOException)
            {
                error = $"cannot start '{launch.Program}' (process {local}) in '{launch.WorkingDir}' on host {Environment.MachineName}: {ex.Message}";
                return false;
            }
        }

        return true;
    }

    private Process LaunchOne(Launch launch, TaskDataFiles data, int local)
    {
        var info = new ProcessStartInfo(launch.Setsid)
        {
            WorkingDirectory = launch.WorkingDir,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        // setsid execs the program in place (the agent's children are not group leaders), so pid = pgid = sid;
        // --wait only matters if it ever has to fork, and then keeps the exit status.
        info.ArgumentList.Add("--wait");
        info.ArgumentList.Add(launch.Program);
        foreach (var arg in Lease.Command.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }

        if (Lease.Env.Count > 0)
        {
            info.Environment.Clear();
            foreach (var (key, value) in Lease.Env.Where(e => !Cyclone.Client.SecretVariables.IsSecret(e.Key)))
            {
                info.Environment[key] = value;
            }
        }

        // the agent's own secrets never reach the tasks it runs (nor their output, should they print their environment)
        foreach (var secret in LeaseEnvironment.AgentSecrets)
        {
            info.Environment.Remove(secret);
        }

        foreach (var (key, value) in Lease.ExtraEnv.Concat(data.Environment))
        {
            info.Environment[key] = value;
        }

        foreach (var (key, value) in LeaseEnvironment.For(Lease, local))
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("the process did not start");
        process.StandardInput.Close(); // stdin reads end-of-file at once
        return process;
    }

    /// <summary>Some processes started, then one could not: the started ones are killed and reaped.</summary>
    private static async Task AbortLaunchAsync(List<Process> processes)
    {
        foreach (var process in processes)
        {
            ProcessTree.Signal(process.Id, NativeMethods.SigKill, followParents: true);
        }

        foreach (var process in processes)
        {
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }
}
