using System.Globalization;
using Cyclone.Core.Parsing;

namespace Cyclone.Tasks.Builtin.Lustre;

/// <summary>
/// Builds the argument vectors of the <c>lfs</c> commands the Lustre tasks run, with <paramref name="lfs"/> (a
/// path, or a name found on the PATH) as the program. Nothing here runs anything.
/// </summary>
public sealed class LfsCommandLines(string lfs = "lfs")
{
    public string Program { get; } = string.IsNullOrWhiteSpace(lfs) ? throw new ArgumentException("the lfs program is empty", nameof(lfs)) : lfs;

    /// <summary><c>lfs df [-i] -v PATH</c>: space (or inodes) per target of the file system of <paramref name="path"/>; <c>-v</c> lists inactive targets too.</summary>
    public IReadOnlyList<string> Df(string path, bool inodes) =>
        inodes ? [Program, "df", "-i", "-v", path] : [Program, "df", "-v", path];

    /// <summary>
    /// <c>lfs find PATH --ost INDEX --type f [--size SIZE] --print0</c>: the regular files under <paramref name="path"/>
    /// with an object on OST <paramref name="ost"/> (and of the size <paramref name="size"/>, e.g. <c>+1G</c>).
    /// </summary>
    public IReadOnlyList<string> FindOnOst(string path, int ost, string? size)
    {
        List<string> argv = [Program, "find", path, "--ost", ost.ToString(CultureInfo.InvariantCulture), "--type", "f"];
        if (size is not null)
        {
            argv.AddRange(["--size", size]);
        }

        argv.Add("--print0");
        return argv;
    }

    /// <summary>
    /// <c>lfs migrate -c COUNT [-o OSTS | -i INDEX] -- FILE...</c>: rewrites the files' data with a new layout of
    /// <paramref name="stripeCount"/> stripes (-1: every OST), on the OSTs of <paramref name="targetOsts"/> or
    /// starting at OST <paramref name="startOst"/>, else where the MDS places them.
    /// </summary>
    public IReadOnlyList<string> Migrate(int stripeCount, RangeSet? targetOsts, int? startOst, IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (targetOsts is not null && startOst is not null)
        {
            throw new ArgumentException("give the target OSTs (-o) or the start OST (-i), not both");
        }

        List<string> argv = [Program, "migrate", "-c", stripeCount.ToString(CultureInfo.InvariantCulture)];
        if (targetOsts is not null)
        {
            argv.AddRange(["-o", targetOsts.ToString()]);
        }

        if (startOst is { } index)
        {
            argv.AddRange(["-i", index.ToString(CultureInfo.InvariantCulture)]);
        }

        argv.Add("--");
        argv.AddRange(files);
        return argv;
    }
}
