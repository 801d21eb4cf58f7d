using System.Globalization;
using System.Text.RegularExpressions;

namespace Cyclone.Tasks.Builtin.Lustre;

/// <summary>
/// Reads the output of <c>lfs df</c>, <c>lfs df -i</c> and <c>lfs df -h</c> (with or without <c>-v</c>), one
/// <see cref="LfsDfReport"/> per file system: a header line (<c>UUID 1K-blocks|bytes|Inodes ...</c>), target lines
/// (<c>fs-OST000a_UUID total used available 76% /mnt[OST:10] [STATE]</c>, or <c>fs-OST0002_UUID : inactive device</c>),
/// and the summary line (<c>filesystem_summary:</c>, or <c>filesystem summary:</c> before Lustre 2.4).
/// A line of another shape is a <see cref="FormatException"/> naming its number and text.
/// </summary>
public static partial class LfsDfParser
{
    private const string Suffixes = "KMGTPEZY";

    public static IReadOnlyList<LfsDfReport> Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var reports = new List<LfsDfReport>();
        Block? block = null;
        var lines = output.Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].TrimEnd('\r', ' ', '\t');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            try
            {
                if (Header().Match(line) is { Success: true } header)
                {
                    Close(block, null, reports);
                    block = new Block(header.Groups["unit"].Value);
                    continue;
                }

                var open = block ?? throw new FormatException("a target or summary line before any 'UUID ...' header line");
                if (Summary().Match(line) is { Success: true } summary)
                {
                    Close(open, summary, reports);
                    block = null;
                }
                else if (Target().Match(line) is { Success: true } target)
                {
                    open.Add(target);
                }
                else if (Status().Match(line) is { Success: true } status)
                {
                    open.AddStatus(status.Groups["uuid"].Value, status.Groups["status"].Value);
                }
                else
                {
                    throw new FormatException("not a header, target or summary line of lfs df");
                }
            }
            catch (FormatException ex)
            {
                throw new FormatException($"lfs df output, line {n + 1} ('{Core.Parsing.Excerpt.Of(line.Trim(), 120)}'): {ex.Message}", ex);
            }
        }

        Close(block, null, reports);
        return reports;
    }

    private static void Close(Block? block, Match? summary, List<LfsDfReport> reports)
    {
        if (block is null)
        {
            return;
        }

        var usage = summary is null ? null : block.Usage(summary);
        var mount = summary?.Groups["mount"].Value ?? block.Mount ?? "";
        reports.Add(new LfsDfReport(mount, block.Inodes, block.Targets, usage));
    }

    private sealed class Block(string unit)
    {
        public bool Inodes { get; } = unit == "Inodes";

        public List<LfsTarget> Targets { get; } = [];

        public string? Mount { get; private set; }

        public void Add(Match line)
        {
            Mount ??= line.Groups["mount"].Value;
            var index = int.Parse(line.Groups["index"].Value, NumberStyles.None, CultureInfo.InvariantCulture);
            Targets.Add(new LfsTarget(line.Groups["kind"].Value, index, line.Groups["uuid"].Value, Usage(line), State: line.Groups["state"].Value));
        }

        public void AddStatus(string uuid, string status)
        {
            var name = TargetName().Match(uuid);
            if (!name.Success)
            {
                throw new FormatException($"'{uuid}' names no MDT or OST (such as fs-OST000a_UUID)");
            }

            var index = int.Parse(name.Groups["hex"].Value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            Targets.Add(new LfsTarget(name.Groups["kind"].Value, index, uuid, null, status));
        }

        public LfsUsage Usage(Match line) => new(
            Value(line.Groups["total"].Value),
            Value(line.Groups["used"].Value),
            Value(line.Groups["avail"].Value),
            int.Parse(line.Groups["pct"].Value, NumberStyles.None, CultureInfo.InvariantCulture));

        private long Value(string text) => unit switch
        {
            "1K-blocks" => checked(Whole(text) * 1024),
            "bytes" => Cooked(text),
            _ => Whole(text),
        };
    }

    private static long Whole(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"'{text}' is not a whole number");

    /// <summary>A <c>-h</c> figure: a plain number of bytes, or a number with K, M, G, ... (powers of 1024).</summary>
    private static long Cooked(string text)
    {
        var power = Suffixes.IndexOf(text[^1], StringComparison.Ordinal) + 1;
        var number = power > 0 ? text[..^1] : text;
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException($"'{text}' is not a size such as 9.2G");
        }

        return (long)System.Math.Round(value * System.Math.Pow(1024, power));
    }

    [GeneratedRegex(@"^UUID\s+(?<unit>1K-blocks|bytes|Inodes)\s+(Used|IUsed)\s+(Available|IFree)\s+I?Use%\s+Mounted on$")]
    private static partial Regex Header();

    [GeneratedRegex(@"^filesystem[_ ]summary:\s+(?<total>\S+)\s+(?<used>\S+)\s+(?<avail>\S+)\s+(?<pct>\d+)%\s+(?<mount>.+)$")]
    private static partial Regex Summary();

    [GeneratedRegex(@"^(?<uuid>\S+)\s+(?<total>\S+)\s+(?<used>\S+)\s+(?<avail>\S+)\s+(?<pct>\d+)%\s+(?<mount>.+?)\[(?<kind>MDT|OST):(?<index>\d+)\](?:\s+(?<state>[A-Z]+))?$")]
    private static partial Regex Target();

    [GeneratedRegex(@"^(?<uuid>[^\s:\[]+)\s*:\s+(?<status>.+)$")]
    private static partial Regex Status();

    [GeneratedRegex(@"(?<kind>MDT|OST)(?<hex>[0-9a-fA-F]{4})")]
    private static partial Regex TargetName();
}
