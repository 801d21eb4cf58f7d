using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Cyclone.Tests.Shared;

/// <summary>
/// A throwaway single-node Slurm cluster for tests: Debian's <c>slurm-wlm</c> and <c>munge</c> (installed with apt-get when
/// missing, running as root and <c>CYCLONE_REQUIRE_SERVICES=1</c>). Everything lives in a new temporary directory: a munge
/// key and a <c>munged</c> on its own socket, a <c>slurm.conf</c> with free ports, state and spool directories, and
/// <c>slurmctld</c> and <c>slurmd</c> running in the foreground as children of the test. Commands find this cluster through
/// <c>SLURM_CONF</c> (<see cref="Environment"/>). Stopped and removed on dispose. Without Slurm, <see cref="Missing"/> says
/// why: tests then say so loudly and are skipped, or fail when services are required.
/// </summary>
/// <remarks>
/// Chosen because they work in a container without systemd or writable cgroups: <c>proctrack/linuxproc</c>,
/// <c>task/none</c>, <c>select/cons_tres</c> with cores and memory consumable, no accounting database but
/// <c>jobcomp/filetxt</c> (so <c>sacct -c</c> reads final states), and jobs remembered for 10 minutes (<c>MinJobAge</c>) so
/// that <c>scontrol show job</c> tells their end. The node offers at least 4 CPUs (<c>SlurmdParameters=config_overrides</c>)
/// so that a two-rank job and a pilot fit beside each other on a small test machine; with <c>task/none</c> nothing is pinned.
/// </remarks>
internal sealed class SlurmCluster : IAsyncDisposable
{
    /// <summary>How long slurmctld and slurmd may take to come up with the node idle.</summary>
    public static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);

    private static readonly string[] Programs = ["slurmctld", "slurmd", "munged", "sbatch", "squeue", "scontrol", "scancel", "sinfo", "srun", "sacct"];

    private readonly List<Process> _daemons = [];
    private readonly string _root;

    private SlurmCluster(string root, string nodeName)
    {
        _root = root;
        NodeName = nodeName;
    }

    /// <summary>True when tests that need a service must not be left out (as in CI).</summary>
    public static bool Required => System.Environment.GetEnvironmentVariable("CYCLONE_REQUIRE_SERVICES") == "1";

    /// <summary>Why Slurm cannot be had here, or null when its programs are present and the tests run as root.</summary>
    public static string? Missing =>
        System.Environment.UserName != "root" ? "Slurm tests need root (slurmd starts the jobs)"
        : Programs.FirstOrDefault(p => Which(p) is null) is { } absent
            ? $"Slurm is not installed ({absent} not found; apt-get install -y slurm-wlm munge)"
            : null;

    /// <summary>The node's name (the host name, as slurmd reports it).</summary>
    public string NodeName { get; }

    /// <summary>The configuration file; Slurm's commands find the cluster through <c>SLURM_CONF</c> set to it.</summary>
    public string ConfPath => Path.Combine(_root, "slurm.conf");

    /// <summary>The one partition.</summary>
    public const string Partition = "debug";

    /// <summary>
    /// A second node of the partition that never comes up (<c>State=FUTURE</c>, hidden from <c>sinfo</c>): Slurm takes a job
    /// of two nodes and keeps it pending instead of refusing it, so that tests can see such a job exists.
    /// </summary>
    public const string PhantomNode = "phantom";

    /// <summary>Variables a process needs to use this cluster (its Slurm commands read them).</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["SLURM_CONF"] = ConfPath };

    /// <summary>Creates and starts a cluster; throws with the reason when it cannot.</summary>
    public static async Task<SlurmCluster> StartAsync(CancellationToken ct)
    {
        if (Missing is not null && System.Environment.UserName == "root" && Required)
        {
            await RunAsync("apt-get", ["install", "-y", "-q", "slurm-wlm", "munge"], ct, new() { ["DEBIAN_FRONTEND"] = "noninteractive" });
        }

        if (Missing is { } missing)
        {
            throw new InvalidOperationException(missing);
        }

        var root = Directory.CreateTempSubdirectory("cyclone-slurm-").FullName;
        var node = (await RunAsync("hostname", ["-s"], ct)).Trim();
        var cluster = new SlurmCluster(root, node);
        try
        {
            await cluster.StartMungeAsync(ct);
            await File.WriteAllTextAsync(cluster.ConfPath, cluster.Configuration(FreePort(), FreePort()), ct);
            cluster.StartDaemon("slurmctld", ["-D", "-i", "-f", cluster.ConfPath], "slurmctld.out");
            cluster.StartDaemon("slurmd", ["-D", "-N", node, "-f", cluster.ConfPath], "slurmd.out");
            await cluster.WaitUntilIdleAsync(ct);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a Slurm command (<c>squeue</c>, <c>sbatch</c>, ...) against this cluster; its stdout, or an exception with its stderr.</summary>
    public Task<string> CommandAsync(string program, IReadOnlyList<string> args, CancellationToken ct) =>
        RunAsync(program, args, ct, new(Environment));

    /// <summary>The jobs Slurm knows (running or recently ended) whose name starts with <paramref name="prefix"/>: id, name, state.</summary>
    public async Task<IReadOnlyList<(long Id, string Name, string State)>> JobsAsync(string prefix, CancellationToken ct) =>
        (await AllJobsAsync(ct)).Where(j => j.Name.StartsWith(prefix, StringComparison.Ordinal)).Select(j => (j.Id, j.Name, j.State)).ToList();

    /// <summary>The jobs Slurm knows whose comment says they run task <paramref name="task"/> for agent <paramref name="agent"/> (as Cyclone's Slurm executor comments them).</summary>
    public async Task<IReadOnlyList<(long Id, string Name, string State)>> JobsOfAsync(string agent, long task, CancellationToken ct) =>
        (await AllJobsAsync(ct))
            .Where(j => j.Comment.StartsWith($"cyclone task={task} ", StringComparison.Ordinal) && j.Comment.EndsWith($" agent={agent}", StringComparison.Ordinal))
            .Select(j => (j.Id, j.Name, j.State))
            .ToList();

    private async Task<IReadOnlyList<(long Id, string Name, string State, string Comment)>> AllJobsAsync(CancellationToken ct)
    {
        var text = await CommandAsync("squeue", ["-h", "-t", "all", "-o", "%i|%j|%T|%k"], ct);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('|', 4))
            .Where(f => f.Length == 4)
            .Select(f => (long.Parse(f[0], CultureInfo.InvariantCulture), f[1], f[2], f[3]))
            .ToList();
    }

    /// <summary>The logs of the daemons, for a failing test's output.</summary>
    public string Logs()
    {
        var text = new StringBuilder();
        foreach (var file in (string[])["slurmctld.log", "slurmd.log", "slurmctld.out", "slurmd.out"])
        {
            var path = Path.Combine(_root, file);
            if (File.Exists(path))
            {
                text.Append("===== ").AppendLine(file).AppendLine(File.ReadAllText(path));
            }
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var daemon in _daemons)
        {
            try
            {
                daemon.Kill(entireProcessTree: true);
                await daemon.WaitForExitAsync(CancellationToken.None);
            }
            catch (InvalidOperationException)
            {
                // it has exited already
            }

            daemon.Dispose();
        }

        // slurmstepd processes of jobs still running belong to no daemon: end them by the spool directory they use
        await KillJobStepsAsync();
        var mungePid = Path.Combine(_root, "munge", "munged.pid");
        if (File.Exists(mungePid) && int.TryParse((await File.ReadAllTextAsync(mungePid)).Trim(), out var pid))
        {
            try
            {
                using var munged = Process.GetProcessById(pid);
                munged.Kill();
            }
            catch (ArgumentException)
            {
                // gone already
            }
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // a job that was just killed may still hold a file; the temp directory is left behind
        }
    }

    private string Configuration(int controllerPort, int nodePort)
    {
        var cpus = Math.Max(4, System.Environment.ProcessorCount);
        var memoryMb = Math.Max(1024, MemTotalMb() - 512);
        var r = _root;
        return $"""
            # A single-node cluster for Cyclone's tests (tests/Shared/SlurmCluster.cs)
            ClusterName=cyclonetest
            SlurmctldHost={NodeName}(127.0.0.1)
            SlurmctldPort={controllerPort}
            SlurmdPort={nodePort}
            SlurmUser=root
            SlurmdUser=root
            AuthType=auth/munge
            AuthInfo=socket={r}/munge/munge.socket
            CredType=cred/munge
            StateSaveLocation={r}/state
            SlurmdSpoolDir={r}/spool
            SlurmctldPidFile={r}/slurmctld.pid
            SlurmdPidFile={r}/slurmd.pid
            SlurmctldLogFile={r}/slurmctld.log
            SlurmdLogFile={r}/slurmd.log
            ProctrackType=proctrack/linuxproc
            TaskPlugin=task/none
            SelectType=select/cons_tres
            SelectTypeParameters=CR_Core_Memory
            DefMemPerCPU=256
            SchedulerType=sched/builtin
            AccountingStorageType=accounting_storage/none
            JobCompType=jobcomp/filetxt
            JobCompLoc={r}/jobcomp.txt
            JobAcctGatherType=jobacct_gather/none
            MpiDefault=none
            MinJobAge=600
            KillWait=5
            ReturnToService=2
            SlurmdParameters=config_overrides
            NodeName={NodeName} NodeAddr=127.0.0.1 CPUs={cpus} RealMemory={memoryMb} State=UNKNOWN
            NodeName={PhantomNode} NodeAddr=127.0.0.2 CPUs={cpus} RealMemory={memoryMb} State=FUTURE
            PartitionName={Partition} Nodes={NodeName},{PhantomNode} Default=YES MaxTime=INFINITE State=UP

            """;
    }

    private async Task StartMungeAsync(CancellationToken ct)
    {
        var munge = Path.Combine(_root, "munge");
        Directory.CreateDirectory(munge);
        foreach (var dir in (string[])["state", "spool"])
        {
            Directory.CreateDirectory(Path.Combine(_root, dir));
        }

        var key = Path.Combine(munge, "munge.key");
        await File.WriteAllBytesAsync(key, System.Security.Cryptography.RandomNumberGenerator.GetBytes(1024), ct);
        File.SetUnixFileMode(key, UnixFileMode.UserRead);
        await RunAsync("munged", [
            "--force", $"--socket={munge}/munge.socket", $"--key-file={key}", $"--pid-file={munge}/munged.pid",
            $"--log-file={munge}/munged.log", $"--seed-file={munge}/munged.seed"], ct);
    }

    private void StartDaemon(string program, IReadOnlyList<string> args, string outFile)
    {
        var info = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["SLURM_CONF"] = ConfPath;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        _daemons.Add(process);
        var log = new StreamWriter(Path.Combine(_root, outFile)) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    private async Task WaitUntilIdleAsync(CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + StartDeadline;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            if (_daemons.Find(d => d.HasExited) is { } dead)
            {
                throw new InvalidOperationException($"{dead.StartInfo.FileName} exited with code {dead.ExitCode} while starting:\n{Logs()}");
            }

            try
            {
                last = (await CommandAsync("sinfo", ["-h", "-N", "-o", "%T"], ct)).Trim();
                if (last == "idle")
                {
                    return;
                }
            }
            catch (InvalidOperationException ex)
            {
                last = ex.Message;
            }

            await Task.Delay(250, ct);
        }

        throw new TimeoutException($"the Slurm node did not become idle within {StartDeadline.TotalSeconds:0} s (last: {last}):\n{Logs()}");
    }

    private async Task KillJobStepsAsync()
    {
        foreach (var dir in Directory.Exists("/proc") ? Directory.GetDirectories("/proc") : [])
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var cmdline = await File.ReadAllTextAsync(Path.Combine(dir, "cmdline"));
                var environ = cmdline.StartsWith("slurmstepd", StringComparison.Ordinal) ? await File.ReadAllTextAsync(Path.Combine(dir, "environ")) : "";
                if (environ.Contains(ConfPath, StringComparison.Ordinal))
                {
                    using var step = Process.GetProcessById(pid);
                    step.Kill(entireProcessTree: true);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
            {
                // it ended meanwhile
            }
        }
    }

    private static long MemTotalMb()
    {
        var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) ?? "MemTotal: 2097152 kB";
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    private static string? Which(string program) =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(["/usr/sbin", "/sbin"])
            .Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<string> RunAsync(string file, IReadOnlyList<string> args, CancellationToken ct, Dictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Which(file) ?? file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (key, value) in environment ?? [])
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed with exit code {process.ExitCode}: {await stderr}{await stdout}");
        }

        return await stdout;
    }
}
