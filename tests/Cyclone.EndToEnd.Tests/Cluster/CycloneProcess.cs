using System.Collections.Concurrent;
using System.Diagnostics;

namespace Cyclone.EndToEnd.Tests.Cluster;

/// <summary>A running <c>cyclone</c> process (hub, agent or a client command) with its output captured.</summary>
internal sealed class CycloneProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly System.Text.StringBuilder _stdout = new();
    private readonly System.Text.StringBuilder _stderr = new();

    private CycloneProcess(string label, Process process)
    {
        Label = label;
        _process = process;
    }

    public string Label { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Every line it printed so far, stdout and stderr interleaved.</summary>
    public string Log => string.Join('\n', _lines);

    public static CycloneProcess Start(string label, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null) =>
        Start(label, args, environment, workingDirectory, []);

    /// <summary>Starts <c>cyclone</c> through <paramref name="launcher"/> (for example <c>ip netns exec NS</c>), which must exec it in place.</summary>
    public static CycloneProcess Start(
        string label, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment, string? workingDirectory, IReadOnlyList<string> launcher)
    {
        var info = Info(launcher.Count > 0 ? launcher[0] : "dotnet", workingDirectory);
        if (launcher.Count > 0)
        {
            foreach (var word in launcher.Skip(1))
            {
                info.ArgumentList.Add(word);
            }

            info.ArgumentList.Add("dotnet");
        }

        info.ArgumentList.Add(CliPaths.CycloneDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return Launch(label, info, environment);
    }

    /// <summary>Starts another program (say, a shell worker) with its output captured as for <c>cyclone</c>.</summary>
    public static CycloneProcess StartProgram(
        string label, string program, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment, string? workingDirectory)
    {
        var info = Info(program, workingDirectory);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Launch(label, info, environment);
    }

    private static ProcessStartInfo Info(string program, string? workingDirectory) => new(program)
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        RedirectStandardInput = true,
        UseShellExecute = false,
        WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
    };

    private static CycloneProcess Launch(string label, ProcessStartInfo info, IReadOnlyDictionary<string, string>? environment)
    {
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var started = new CycloneProcess(label, process);
        process.OutputDataReceived += (_, e) => started.Add(e.Data, started._stdout);
        process.ErrorDataReceived += (_, e) => started.Add(e.Data, started._stderr);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>Sends a signal (KILL, TERM, STOP, CONT, ...) to the process.</summary>
    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-s", signal, Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async Task<bool> WaitForExitAsync(TimeSpan deadline)
    {
        using var cts = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.Dispose();
    }

    private void Add(string? line, System.Text.StringBuilder into)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        lock (into)
        {
            into.Append(line).Append('\n');
        }
    }
}
