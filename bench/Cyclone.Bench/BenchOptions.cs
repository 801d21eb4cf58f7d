using System.Globalization;

namespace Cyclone.Bench;

/// <summary>The command line: <c>--workload W [--reps N] [--quick] [--root DIR] [--keep] [--store postgres://...]</c>.</summary>
public sealed record BenchOptions(string Workload, int Reps, bool Quick, string Root, bool Keep)
{
    /// <summary>
    /// A PostgreSQL server (<c>postgres://user:password@host:port/database</c>) the hubs keep their state in, each in a new
    /// database made for it and dropped after it; null for the default, SQLite in the hub's data directory.
    /// </summary>
    public string? Store { get; init; }

    /// <summary>The options, or null after printing what is wrong.</summary>
    public static BenchOptions? Parse(string[] args)
    {
        string? workload = null;
        var reps = 3;
        var quick = false;
        var keep = false;
        string? store = null;
        var root = FindRoot();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--workload" when i + 1 < args.Length:
                    workload = args[++i];
                    break;
                case "--reps" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 100:
                    reps = n;
                    i++;
                    break;
                case "--quick":
                    quick = true;
                    break;
                case "--keep":
                    keep = true;
                    break;
                case "--store" when i + 1 < args.Length && args[i + 1].StartsWith("postgres", StringComparison.Ordinal):
                    store = args[++i];
                    break;
                case "--root" when i + 1 < args.Length:
                    root = Path.GetFullPath(args[++i]);
                    break;
                default:
                    Console.Error.WriteLine($"unexpected argument '{args[i]}'");
                    Console.Error.WriteLine("usage: Cyclone.Bench --workload W [--reps N (1-100)] [--quick] [--root CHECKOUT] [--keep] [--store postgres://USER:PASSWORD@HOST:PORT/DB]");
                    return null;
            }
        }

        if (workload is null || root is null)
        {
            Console.Error.WriteLine(workload is null ? "--workload is required" : "cannot find the checkout (a directory with the cyclone script); give --root");
            return null;
        }

        return new BenchOptions(workload, reps, quick, root, keep) { Store = store };
    }

    /// <summary>Scales a full-run count down for <c>--quick</c>.</summary>
    public int Count(int full) => Quick ? Math.Max(1, full / 10) : full;

    private static string? FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "cyclone")) && Directory.Exists(Path.Combine(dir.FullName, "src")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
