using Cyclone.Protocol.Agent;
using Google.Protobuf;

namespace Cyclone.Agent.Executors;

public sealed partial class ProcessAttempt
{
    /// <summary>Bytes read from a pipe at a time (the most one chunk holds).</summary>
    internal const int ReadBufferBytes = 32 * 1024;

    /// <summary>
    /// How long output may go on arriving after every process of the attempt has ended (a descendant that
    /// escaped the session may hold a pipe open); after it the rest is abandoned.
    /// </summary>
    private static readonly TimeSpan OutputDrainTimeout = TimeSpan.FromSeconds(5);

    private List<Task> StartPumps(List<SessionProcess> processes, OutputFiles files)
    {
        var pumps = new List<Task>(processes.Count * 2);
        for (var local = 0; local < processes.Count; local++)
        {
            var process = processes[local];
            pumps.Add(PumpAsync(process.StandardOutput, local, OutputStream.Stdout, files.For(local, OutputStream.Stdout)));
            pumps.Add(PumpAsync(process.StandardError, local, OutputStream.Stderr, files.For(local, OutputStream.Stderr)));
        }

        return pumps;
    }

    /// <summary>Copies one pipe, as raw bytes, to its file (if any) and to the sink, until end of file.</summary>
    private async Task PumpAsync(Stream source, int local, OutputStream stream, OutputFile? file)
    {
        await Task.Yield();
        var rank = LeaseEnvironment.Rank(Lease, local);
        var buffer = new byte[ReadBufferBytes];
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer)) > 0 && !_closed)
            {
                if (file is not null && !await file.WriteAsync(buffer.AsMemory(0, read), CancellationToken.None))
                {
                    LogOutputFileFailed(Lease.TaskId, Lease.Attempt, file.Path);
                    file = null;
                }

                _sink.Write(new OutputChunk
                {
                    TaskId = Lease.TaskId,
                    Attempt = Lease.Attempt,
                    Rank = rank,
                    Stream = stream,
                    Data = ByteString.CopyFrom(buffer, 0, read),
                });
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // the pipe was closed under the reader: the attempt has given up on it
        }
    }

    /// <summary>Waits for the pumps to reach end of file, for a bounded time; then closes the pipes.</summary>
    private async Task DrainAsync(List<Task> pumps, List<SessionProcess> processes)
    {
        var all = Task.WhenAll(pumps);
        using var cancel = new CancellationTokenSource();
        var timeout = Task.Delay(OutputDrainTimeout, _time, cancel.Token);
        if (await Task.WhenAny(all, timeout) == all)
        {
            await cancel.CancelAsync();
            return;
        }

        LogOutputAbandoned(Lease.TaskId, Lease.Attempt, OutputDrainTimeout.TotalSeconds);
        foreach (var process in processes)
        {
            process.StandardOutput.Dispose();
            process.StandardError.Dispose();
        }
    }
}
