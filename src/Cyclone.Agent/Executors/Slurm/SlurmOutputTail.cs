using System.Globalization;
using Cyclone.Agent.Output;
using Cyclone.Protocol.Agent;
using Google.Protobuf;

namespace Cyclone.Agent.Executors.Slurm;

/// <summary>
/// Reads what a job's ranks wrote to their output files since the last read and hands it to the sink, as the process
/// executor hands on what it reads from pipes: rank by rank, stdout and stderr apart. The batch script's own output
/// (Slurm's messages, such as a time limit or a failed <c>srun</c>) counts as the first rank's. How far each file has
/// been shipped is kept beside it, so that an agent that restarts goes on from there instead of sending it again.
/// </summary>
internal sealed class SlurmOutputTail
{
    private readonly Lease _lease;
    private readonly IOutputSink _sink;
    private readonly List<(string Path, int Rank, OutputStream Stream)> _files = [];
    private readonly Dictionary<string, long> _shipped = new(StringComparer.Ordinal);

    public SlurmOutputTail(Lease lease, SlurmJobFiles files, IOutputSink sink, bool resume)
    {
        _lease = lease;
        _sink = sink;
        var first = LeaseEnvironment.Rank(lease, 0);
        for (var rank = 0; rank < SlurmJobScript.Ranks(lease); rank++)
        {
            _files.Add((files.RankOutput(rank), first + rank, OutputStream.Stdout));
            _files.Add((files.RankError(rank), first + rank, OutputStream.Stderr));
        }

        _files.Add((files.BatchOutput, first, OutputStream.Stdout));
        _files.Add((files.BatchError, first, OutputStream.Stderr));
        foreach (var (path, _, _) in _files)
        {
            _shipped[path] = resume ? ReadOffset(SlurmJobFiles.OffsetFile(path)) : 0;
        }
    }

    /// <summary>Ships what is new in every file; <paramref name="final"/> once the job has ended.</summary>
    public async Task ReadAsync(bool final)
    {
        var buffer = new byte[32 * 1024];
        foreach (var (path, rank, stream) in _files)
        {
            var offset = _shipped[path];
            try
            {
                if (!File.Exists(path))
                {
                    continue;
                }

                await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0, useAsync: true);
                if (file.Length <= offset)
                {
                    continue;
                }

                file.Position = offset;
                int read;
                while ((read = await file.ReadAsync(buffer)) > 0)
                {
                    _sink.Write(new OutputChunk
                    {
                        TaskId = _lease.TaskId,
                        Attempt = _lease.Attempt,
                        Rank = rank,
                        Stream = stream,
                        Data = ByteString.CopyFrom(buffer, 0, read),
                    });
                    offset += read;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // the file is not readable right now (a compute node is writing it through a network file system): next round
            }

            if (offset != _shipped[path])
            {
                _shipped[path] = offset;
                if (!final)
                {
                    WriteOffset(SlurmJobFiles.OffsetFile(path), offset);
                }
            }
        }
    }

    private static long ReadOffset(string path)
    {
        try
        {
            return File.Exists(path) && long.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var offset) ? offset : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static void WriteOffset(string path, long offset)
    {
        try
        {
            File.WriteAllText(path, offset.ToString(CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // without it a restarted agent ships this output again: more output, never less
        }
    }
}
