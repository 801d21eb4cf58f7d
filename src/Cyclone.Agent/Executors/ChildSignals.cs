using System.Collections;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Cyclone.Agent.Executors;

/// <summary>
/// Makes sure this process was started with SIGCHLD at its default. A process started with SIGCHLD ignored (some
/// supervisors, daemons and shells pass that on) has its children reaped by the kernel, or by the .NET runtime on its
/// behalf, before anyone can read their exit status: every task would end with status -1. The runtime records the
/// disposition when it starts, so the only cure is to put the default back and exec this same program again, with the
/// same arguments and environment.
/// </summary>
public static unsafe class ChildSignals
{
    /// <summary>Set in the environment of the program started again, so that it never loops.</summary>
    public const string RestartedVariable = "CYCLONE_SIGCHLD_DEFAULTED";

    /// <summary>
    /// When SIGCHLD is ignored, restores its default and execs <c>/proc/self/exe</c> with this process's command line; returns
    /// only when nothing had to be done, or with a message saying why the restart was not possible.
    /// </summary>
    public static string? EnsureDefault()
    {
        if (!OperatingSystem.IsLinux() || !IsIgnored(File.ReadAllText("/proc/self/status")))
        {
            return null;
        }

        if (Environment.GetEnvironmentVariable(RestartedVariable) == "1")
        {
            return "SIGCHLD is still ignored after starting again; exit codes of tasks may be lost";
        }

        var arguments = File.ReadAllBytes("/proc/self/cmdline");
        var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .Select(e => $"{e.Key}={e.Value}")
            .Append($"{RestartedVariable}=1");
        if (NativeMethods.Signal(NativeMethods.SigChld, 0) == -1)
        {
            return $"SIGCHLD is ignored and cannot be put back to its default (errno {Marshal.GetLastPInvokeError()}); exit codes of tasks may be lost";
        }

        var strings = new List<nint>();
        try
        {
            var argv = Terminated(Split(arguments), strings);
            var envp = Terminated(environment.Select(Encoding.UTF8.GetBytes), strings);
            _ = NativeMethods.ExecVe(NativeStrings.Utf8("/proc/self/exe", strings), argv, envp);
            return $"SIGCHLD was ignored; starting again with its default failed (errno {Marshal.GetLastPInvokeError()}); exit codes of tasks may be lost";
        }
        finally
        {
            NativeStrings.Free(strings);
        }
    }

    /// <summary>True when the <c>SigIgn</c> mask of a <c>/proc/[pid]/status</c> text has SIGCHLD's bit set.</summary>
    public static bool IsIgnored(string status)
    {
        foreach (var line in status.Split('\n'))
        {
            if (line.StartsWith("SigIgn:", StringComparison.Ordinal)
                && ulong.TryParse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var mask))
            {
                return (mask & (1UL << (NativeMethods.SigChld - 1))) != 0;
            }
        }

        return false;
    }

    private static IEnumerable<byte[]> Split(byte[] commandLine)
    {
        var start = 0;
        for (var i = 0; i < commandLine.Length; i++)
        {
            if (commandLine[i] == 0)
            {
                yield return commandLine[start..i];
                start = i + 1;
            }
        }
    }

    private static byte** Terminated(IEnumerable<byte[]> items, List<nint> strings)
    {
        var list = items.ToList();
        var array = NativeStrings.Array(list.Count, strings);
        for (var i = 0; i < list.Count; i++)
        {
            array[i] = NativeStrings.Bytes(list[i], strings);
        }

        return array;
    }
}
