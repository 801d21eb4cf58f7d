
namespace Cyclone.Agent.Executors;

public sealed partial class ProcessAttempt
{
    private static readonly TimeSpan KillPollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Waits for one process, then kills what it left behind in its session or group (background
    /// children would otherwise keep running and hold the output pipes open). Returns its exit status.
    /// </summary>
    private static async Task<int> WaitAndCleanUpAsync(SessionProcess process)
    {
        var code = await process.Exited;
        ProcessTree.Signal(process.Id, NativeMethods.SigKill, followParents: false);
        return code;
    }

    /// <summary>
    /// SIGTERM to every tree (snapshotted first, so descendants that left the session are found),
    /// then SIGKILL to whatever of them still lives after the kill grace.
    /// </summary>
    private async Task KillAsync(List<SessionProcess> processes, Task allExited)
    {
        LogKilling(Lease.TaskId, Lease.Attempt, Lease.NodeIndex, _kill.Message);
        var members = new HashSet<int>();
        foreach (var process in processes.Where(p => !p.HasExited))
        {
            members.UnionWith(ProcessTree.Members(process.Id, followParents: true));
            ProcessTree.Signal(process.Id, NativeMethods.SigTerm, followParents: true);
        }

        var deadline = _time.GetUtcNow() + _executor.KillGrace;
        while (_time.GetUtcNow() < deadline && !(allExited.IsCompleted && !members.Any(ProcessTree.IsAlive)))
        {
            await Task.WhenAny(allExited, Task.Delay(KillPollInterval, _time));
        }

        foreach (var process in processes.Where(p => !p.HasExited))
        {
            members.UnionWith(ProcessTree.Members(process.Id, followParents: true));
            ProcessTree.Signal(process.Id, NativeMethods.SigKill, followParents: true);
        }

        foreach (var pid in members.Where(ProcessTree.IsAlive))
        {
            NativeMethods.Kill(pid, NativeMethods.SigKill);
        }
    }
}
