namespace Cyclone.Agent.Executors;

/// <summary>
/// A file that receives a process's output. Several processes or streams may share one file (a pattern
/// without <c>%t</c>, or stderr going with stdout); writes are serialized so chunks never interleave.
/// </summary>
internal sealed class OutputFile : IAsyncDisposable
{
    private readonly FileStream _stream;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _failed;

    private OutputFile(string path, FileStream stream)
    {
        Path = path;
        _stream = stream;
    }

    public string Path { get; }

    /// <summary>Creates (or truncates) the file.</summary>
    public static OutputFile Create(string path) =>
        new(path, new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0, useAsync: true));

    /// <summary>Appends <paramref name="data"/>; false when the write failed (the file then takes no more output).</summary>
    public async Task<bool> WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_failed)
            {
                return false;
            }

            await _stream.WriteAsync(data, ct);
            return true;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            _failed = true;
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            _failed = true;
            await _stream.DisposeAsync();
        }
        finally
        {
            _gate.Release();
        }
    }
}
