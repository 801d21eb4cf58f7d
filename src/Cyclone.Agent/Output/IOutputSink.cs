using Cyclone.Protocol.Agent;

namespace Cyclone.Agent.Output;

/// <summary>Where running processes send their output on its way to the hub.</summary>
public interface IOutputSink
{
    /// <summary>Takes one chunk of a process's stdout or stderr.</summary>
    void Write(OutputChunk chunk);

    /// <summary>Completes once every chunk written before the call has been handed on.</summary>
    Task FlushAsync(CancellationToken ct);
}
