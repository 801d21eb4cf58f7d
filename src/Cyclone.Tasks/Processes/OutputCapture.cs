using System.Text;

namespace Cyclone.Tasks.Processes;

/// <summary>Reads one output stream to its end, keeping its first characters up to a limit and dropping the rest.</summary>
internal sealed class OutputCapture
{
    private readonly StringBuilder _text = new();
    private readonly int _max;

    public OutputCapture(StreamReader reader, int max)
    {
        _max = Math.Max(0, max);
        Completion = PumpAsync(reader);
    }

    /// <summary>Completes when the stream ends (every writer closed it).</summary>
    public Task Completion { get; }

    public bool Truncated { get; private set; }

    public string Text
    {
        get
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }

    private async Task PumpAsync(StreamReader reader)
    {
        var buffer = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory())) > 0)
        {
            lock (_text)
            {
                var keep = Math.Min(read, _max - _text.Length);
                if (keep > 0)
                {
                    _text.Append(buffer, 0, keep);
                }

                Truncated |= keep < read;
            }
        }
    }
}
