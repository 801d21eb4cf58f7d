using System.ComponentModel;

namespace Cyclone.Agent.Executors;

public sealed partial class ProcessAttempt
{
    /// <summary>ENOEXEC: the file is executable but not a program the kernel can run.</summary>
    private const int NoExecFormat = 8;

    private readonly record struct Launch(string Program, string WorkingDir);

    /// <summary>Checks what can be checked before anything starts: the working directory and the program.</summary>
    private bool TryPrepare(out Launch launch, out string error)
    {
        launch = default;
        var host = Environment.MachineName;
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

        launch = new Launch(program, workingDir);
        return true;
    }

    private bool TryLaunchAll(Launch launch, TaskDataFiles data, List<SessionProcess> processes, out string error)
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

    private SessionProcess LaunchOne(Launch launch, TaskDataFiles data, int local)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Lease.Env.Count > 0)
        {
            foreach (var (key, value) in Lease.Env.Where(e => !Cyclone.Client.SecretVariables.IsSecret(e.Key)))
            {
                environment[key] = value;
            }
        }
        else
        {
            foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
            {
                environment[(string)entry.Key] = entry.Value as string ?? string.Empty;
            }
        }

        // the agent's own secrets never reach the tasks it runs (nor their output, should they print their environment)
        foreach (var secret in LeaseEnvironment.AgentSecrets)
        {
            environment.Remove(secret);
        }

        foreach (var (key, value) in Lease.ExtraEnv.Concat(data.Environment).Concat(LeaseEnvironment.For(Lease, local)))
        {
            environment[key] = value;
        }

        // in a session of its own (pid = pgid = sid), stdin at end of file
        var arguments = Lease.Command.Skip(1).ToList();
        try
        {
            return SessionProcess.Start(launch.Program, arguments, environment, launch.WorkingDir);
        }
        catch (Win32Exception ex) when (ex.NativeErrorCode == NoExecFormat)
        {
            // an executable text file without #!: run it with /bin/sh, as a shell (and execvp) would
            return SessionProcess.Start("/bin/sh", [launch.Program, .. arguments], environment, launch.WorkingDir);
        }
    }

    /// <summary>Some processes started, then one could not: the started ones are killed and reaped.</summary>
    private static async Task AbortLaunchAsync(List<SessionProcess> processes)
    {
        foreach (var process in processes)
        {
            ProcessTree.Signal(process.Id, NativeMethods.SigKill, followParents: true);
        }

        foreach (var process in processes)
        {
            await process.Exited;
            process.Dispose();
        }
    }
}
