using System.Text.RegularExpressions;

namespace Cyclone.Hub.Scheduling;

/// <summary>
/// How the scheduler knows a pull worker: <c>pull:USER:WORKER</c>. Agents may not take names starting with
/// <see cref="Prefix"/>, and neither user nor worker names hold a colon, so no two workers of different users
/// and no agent share a name.
/// </summary>
public static partial class PullWorkers
{
    public const string Prefix = "pull:";

    /// <summary>How long a pull worker's attempts last when it names no lease time.</summary>
    public static readonly TimeSpan DefaultLease = TimeSpan.FromSeconds(60);

    /// <summary>The scheduler's name for <paramref name="worker"/> of <paramref name="user"/>.</summary>
    public static string NameOf(string user, string worker) => $"{Prefix}{user}:{worker}";

    public static bool IsPull(string agentName) => agentName.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The worker part of a pull worker's name (what its user called it).</summary>
    public static string WorkerOf(string agentName) => agentName[(agentName.LastIndexOf(':') + 1)..];

    /// <summary>1 to 100 letters, digits, '_', '.', '-' or '@'.</summary>
    public static bool IsValidWorker(string? worker) => worker is not null && Worker().IsMatch(worker);

    [GeneratedRegex("^[A-Za-z0-9_.@-]{1,100}$", RegexOptions.CultureInvariant)]
    private static partial Regex Worker();
}
