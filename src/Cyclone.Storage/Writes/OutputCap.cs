using System.Globalization;
using System.Text;

namespace Cyclone.Storage.Writes;

/// <summary>The cap on a task's stored output: the chunk that crosses it is cut and followed by a marker line.</summary>
internal static class OutputCap
{
    /// <summary>The line stored where a task's output reached the cap.</summary>
    public static string Marker(long capBytes) =>
        string.Create(CultureInfo.InvariantCulture, $"\n[cyclone: output cut at {capBytes} bytes; the rest was dropped]\n");

    /// <summary>What of <paramref name="data"/> to store after <paramref name="stored"/> bytes, and whether it was cut.</summary>
    public static (ReadOnlyMemory<byte> Data, bool Cut) Fit(ReadOnlyMemory<byte> data, long stored, long cap)
    {
        if (stored + data.Length <= cap)
        {
            return (data, false);
        }

        var keep = (int)Math.Max(0, cap - stored);
        var marker = Encoding.UTF8.GetBytes(Marker(cap));
        var cutData = new byte[keep + marker.Length];
        data.Span[..keep].CopyTo(cutData);
        marker.CopyTo(cutData, keep);
        return (cutData, true);
    }
}
