using System.Globalization;
using System.Text;

namespace Cyclone.Core.Parsing;

/// <summary>
/// Expands Slurm-style file name patterns for <c>--output</c> and <c>--error</c>:
/// <c>%j</c> job id, <c>%n</c> node index, <c>%t</c> rank (process id in the job), <c>%%</c> a percent sign.
/// </summary>
public static class OutputPattern
{
    /// <summary>Checks a pattern; returns null when valid, otherwise what is wrong.</summary>
    public static string? Validate(string pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return "output pattern is empty";
        }

        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] != '%')
            {
                continue;
            }

            if (i + 1 >= pattern.Length || "jnt%".IndexOf(pattern[i + 1], StringComparison.Ordinal) < 0)
            {
                return $"output pattern '{Excerpt.Of(pattern)}' has an unknown placeholder at position {i}; use %j, %n, %t or %%";
            }

            i++;
        }

        return null;
    }

    /// <summary>Expands the placeholders of a valid pattern.</summary>
    public static string Expand(string pattern, long jobId, int nodeIndex, int rank)
    {
        var sb = new StringBuilder(pattern.Length + 16);
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c != '%' || i + 1 >= pattern.Length)
            {
                sb.Append(c);
                continue;
            }

            i++;
            _ = pattern[i] switch
            {
                'j' => sb.Append(jobId.ToString(CultureInfo.InvariantCulture)),
                'n' => sb.Append(nodeIndex.ToString(CultureInfo.InvariantCulture)),
                't' => sb.Append(rank.ToString(CultureInfo.InvariantCulture)),
                '%' => sb.Append('%'),
                _ => sb.Append('%').Append(pattern[i]),
            };
        }

        return sb.ToString();
    }
}
