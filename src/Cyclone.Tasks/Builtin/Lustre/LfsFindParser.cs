namespace Cyclone.Tasks.Builtin.Lustre;

/// <summary>
/// Reads the paths <c>lfs find</c> prints: NUL-separated with <c>--print0</c> (which any file name survives),
/// else one a line.
/// </summary>
public static class LfsFindParser
{
    public static IReadOnlyList<string> Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var separator = output.Contains('\0', StringComparison.Ordinal) ? '\0' : '\n';
        return output.Split(separator).Where(p => p.Length > 0 && (separator == '\0' || p.Trim().Length > 0)).ToList();
    }
}
