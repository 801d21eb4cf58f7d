using System.Runtime.InteropServices;
using System.Text;

namespace Cyclone.Agent.Executors;

/// <summary>NUL-terminated strings and NULL-terminated arrays of them in native memory, for exec-style calls; freed by the caller.</summary>
internal static unsafe class NativeStrings
{
    /// <summary>Copies <paramref name="text"/> as UTF-8 with a NUL; the block is added to <paramref name="owned"/>.</summary>
    public static byte* Utf8(string text, List<nint> owned)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        var bytes = Alloc(length, owned);
        Encoding.UTF8.GetBytes(text, new Span<byte>(bytes, length));
        return bytes;
    }

    /// <summary>Copies raw bytes (say, an argument that is no UTF-8) with a NUL; the block is added to <paramref name="owned"/>.</summary>
    public static byte* Bytes(ReadOnlySpan<byte> text, List<nint> owned)
    {
        var bytes = Alloc(text.Length, owned);
        text.CopyTo(new Span<byte>(bytes, text.Length));
        return bytes;
    }

    /// <summary>An array of <paramref name="count"/> pointers and a NULL after them; the block is added to <paramref name="owned"/>.</summary>
    public static byte** Array(int count, List<nint> owned)
    {
        var array = (byte**)NativeMemory.Alloc((nuint)(count + 1), (nuint)sizeof(byte*));
        owned.Add((nint)array);
        array[count] = null;
        return array;
    }

    public static void Free(List<nint> owned)
    {
        foreach (var block in owned)
        {
            NativeMemory.Free((void*)block);
        }
    }

    private static byte* Alloc(int length, List<nint> owned)
    {
        var bytes = (byte*)NativeMemory.Alloc((nuint)length + 1);
        owned.Add((nint)bytes);
        bytes[length] = 0;
        return bytes;
    }
}
