using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Cyclone.Tests.Shared;

/// <summary>What the service fixtures (MariaDB, Pushgateway) share: installing a Debian package, a free port, running a tool.</summary>
internal static class ServiceProcess
{
    /// <summary>True when tests that need a service must not be left out (as in CI).</summary>
    public static bool Required => Environment.GetEnvironmentVariable("CYCLONE_REQUIRE_SERVICES") == "1";

    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>Installs <paramref name="package"/> with apt-get when running as root and services are required.</summary>
    public static async Task InstallWhenRequiredAsync(string package, CancellationToken ct)
    {
        if (IsRoot && Required)
        {
            await RunAsync("apt-get", ["install", "-y", "-q", "--no-install-recommends", package], ct);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts a long-running server process with its output appended to <paramref name="log"/>.</summary>
    public static Process Start(string file, IReadOnlyList<string> args, string log)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var writer = TextWriter.Synchronized(new StreamWriter(log, append: true) { AutoFlush = true });
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { writer.WriteLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { writer.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Runs a tool to its end; throws with its output when it fails.</summary>
    public static async Task RunAsync(string file, IReadOnlyList<string> args, CancellationToken ct)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed with exit code {process.ExitCode}: {await stderr}{await stdout}");
        }
    }

    /// <summary>Kills a server process at once, as a crash would, and waits for it to be gone.</summary>
    public static void Kill(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }
}
