using System.Diagnostics;

namespace Cyclone.Bench.Hosting;

/// <summary>The Release CLI the <c>cyclone</c> script builds on first use (<c>.build/cli/cyclone.dll</c>).</summary>
public static class CliBuild
{
    public static async Task<string> EnsureAsync(string root, CancellationToken ct)
    {
        var info = new ProcessStartInfo(Path.Combine(root, "cyclone"), ["--version"]) { RedirectStandardOutput = true, UseShellExecute = false };
        using var build = Process.Start(info) ?? throw new InvalidOperationException("could not run the cyclone script");
        await build.StandardOutput.ReadToEndAsync(ct);
        await build.WaitForExitAsync(ct);
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException("building the cyclone CLI failed (see above)");
        }

        return Path.Combine(root, ".build", "cli", "cyclone.dll");
    }
}
