using System.Text;
using Cyclone.Agent.Output;
using Cyclone.Protocol.Agent;

namespace Cyclone.Agent.Tests.Support;

/// <summary>An output sink that keeps every chunk, for assertions.</summary>
internal sealed class CollectingSink : IOutputSink
{
    private readonly Lock _lock = new();
    private readonly List<OutputChunk> _chunks = [];

    public void Write(OutputChunk chunk)
    {
        lock (_lock)
        {
            _chunks.Add(chunk);
        }
    }

    public Task FlushAsync(CancellationToken ct) => Task.CompletedTask;

    public IReadOnlyList<OutputChunk> Chunks()
    {
        lock (_lock)
        {
            return _chunks.ToList();
        }
    }

    /// <summary>All bytes of one rank's stream, as text.</summary>
    public string Text(int rank, OutputStream stream = OutputStream.Stdout) =>
        Encoding.UTF8.GetString(Chunks().Where(c => c.Rank == rank && c.Stream == stream).SelectMany(c => c.Data.ToByteArray()).ToArray());
}
