using System.Diagnostics;

namespace Cyclone.Bench.Hosting;

/// <summary>A process the benchmark started (hub or agent), its output in a log file; stopped with SIGTERM, then killed.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ChildProcess(Process process, string log)
    {
        _process = process;
        Log = log;
    }

    public int Pid => _process.Id;

    public string Log { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <c>dotnet DLL ARGS</c> with its output appended to <paramref name="log"/>.</summary>
    public static ChildProcess Start(string dll, IEnumerable<string> arguments, string log, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec dotnet \"$0\" \"$@\" >>\"$CYCLONE_BENCH_LOG\" 2>&1");
        info.ArgumentList.Add(dll);
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["CYCLONE_BENCH_LOG"] = log;
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[k] = v;
        }

        return new ChildProcess(Process.Start(info) ?? throw new InvalidOperationException($"could not start {dll}"), log);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process.HasExited)
        {
            _process.Dispose();
            return;
        }

        _ = Native.Kill(_process.Id, Native.SigTerm);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await _process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
    }
}
