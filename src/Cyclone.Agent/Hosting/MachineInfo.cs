using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Reflection;
using Cyclone.Agent.Executors;

namespace Cyclone.Agent.Hosting;

/// <summary>What the agent tells the hub about its machine when it registers.</summary>
/// <param name="Host">The host name.</param>
/// <param name="Cores">Logical processors.</param>
/// <param name="MemoryBytes">Total memory (MemTotal of /proc/meminfo); 0 when unknown.</param>
/// <param name="Gpus">NVIDIA GPUs listed by <c>nvidia-smi -L</c>; 0 without that command.</param>
/// <param name="Version">The agent's version.</param>
public sealed record MachineInfo(string Host, int Cores, long MemoryBytes, int Gpus, string Version)
{
    private static readonly TimeSpan GpuQueryTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Looks at this machine.</summary>
    public static async Task<MachineInfo> DetectAsync(CancellationToken ct)
    {
        var memory = File.Exists("/proc/meminfo") ? ParseMemTotal(await File.ReadAllTextAsync("/proc/meminfo", ct)) : 0;
        var version = typeof(MachineInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        return new MachineInfo(Dns.GetHostName(), Environment.ProcessorCount, memory, await CountGpusAsync(ct), version);
    }

    /// <summary>The MemTotal line of <c>/proc/meminfo</c> in bytes; 0 when absent.</summary>
    internal static long ParseMemTotal(string meminfo)
    {
        foreach (var line in meminfo.Split('\n'))
        {
            if (!line.StartsWith("MemTotal:", StringComparison.Ordinal))
            {
                continue;
            }

            var parts = line["MemTotal:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > 0 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kib))
            {
                return kib * 1024;
            }
        }

        return 0;
    }

    /// <summary>GPUs in the output of <c>nvidia-smi -L</c>: one per non-empty line.</summary>
    internal static int CountGpuLines(string output) =>
        output.Split('\n').Count(l => !string.IsNullOrWhiteSpace(l));

    private static async Task<int> CountGpusAsync(CancellationToken ct)
    {
        var smi = ProgramResolver.Resolve("nvidia-smi", Environment.CurrentDirectory, Environment.GetEnvironmentVariable("PATH"), out _);
        if (smi is null)
        {
            return 0;
        }

        try
        {
            using var process = Process.Start(new ProcessStartInfo(smi, "-L") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            if (process is null)
            {
                return 0;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(GpuQueryTimeout);
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return process.ExitCode == 0 ? CountGpuLines(await output) : 0;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or OperationCanceledException or IOException)
        {
            return 0;
        }
    }
}
