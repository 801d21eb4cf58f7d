using Cyclone.Core.Parsing;
using Cyclone.Protocol.Agent;

namespace Cyclone.Agent.Executors;

/// <summary>
/// The files named by a lease's output and error patterns, one per distinct expanded path, created
/// (truncated) when the attempt starts. Without an error pattern, stderr goes to the output file.
/// </summary>
internal sealed class OutputFiles : IAsyncDisposable
{
    private readonly Dictionary<string, OutputFile> _byPath = new(StringComparer.Ordinal);
    private readonly Dictionary<(int Local, OutputStream Stream), OutputFile> _byProcess = [];

    private OutputFiles()
    {
    }

    /// <summary>Opens the files of every process of <paramref name="lease"/>; no files and the error when one cannot be created.</summary>
    public static async Task<(OutputFiles? Files, string Error)> OpenAsync(Lease lease, string workingDir)
    {
        var files = new OutputFiles();
        var errorPattern = string.IsNullOrEmpty(lease.ErrorPattern) ? lease.OutputPattern : lease.ErrorPattern;
        for (var local = 0; local < LeaseEnvironment.ProcsPerNode(lease); local++)
        {
            var rank = LeaseEnvironment.Rank(lease, local);
            foreach (var (pattern, stream) in new[] { (lease.OutputPattern, OutputStream.Stdout), (errorPattern, OutputStream.Stderr) })
            {
                if (string.IsNullOrEmpty(pattern))
                {
                    continue;
                }

                var path = Path.GetFullPath(OutputPattern.Expand(pattern, lease.JobId, lease.NodeIndex, rank), workingDir);
                if (!files._byPath.TryGetValue(path, out var file))
                {
                    try
                    {
                        file = OutputFile.Create(path);
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        await files.DisposeAsync();
                        return (null, $"cannot create {(stream == OutputStream.Stdout ? "output" : "error")} file '{path}' on host {Environment.MachineName}: {ex.Message}");
                    }

                    files._byPath.Add(path, file);
                }

                files._byProcess[(local, stream)] = file;
            }
        }

        return (files, string.Empty);
    }

    /// <summary>The file that receives <paramref name="stream"/> of process <paramref name="local"/>, if any.</summary>
    public OutputFile? For(int local, OutputStream stream) => _byProcess.GetValueOrDefault((local, stream));

    public async ValueTask DisposeAsync()
    {
        foreach (var file in _byPath.Values)
        {
            await file.DisposeAsync();
        }
    }
}
