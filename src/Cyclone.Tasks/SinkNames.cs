namespace Cyclone.Tasks;

/// <summary>The names results use: sink and column names, and Prometheus metric and label names.</summary>
public static class SinkNames
{
    /// <summary>Most characters of a sink or column name.</summary>
    public const int MaxLength = 64;

    /// <summary>A sink or column name: letters, digits and <c>_</c>, not starting with a digit, at most 64 characters.</summary>
    public static bool IsName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxLength && !char.IsAsciiDigit(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>A Prometheus metric name: <c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>.</summary>
    public static bool IsMetricName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 200 && !char.IsAsciiDigit(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':');

    /// <summary>A Prometheus label name: <c>[a-zA-Z_][a-zA-Z0-9_]*</c>, not starting with <c>__</c> (reserved).</summary>
    public static bool IsLabelName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 200 && !char.IsAsciiDigit(name[0]) && !name.StartsWith("__", StringComparison.Ordinal)
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
