using System.Globalization;

namespace Cyclone.Cli.Common;

/// <summary>A job named on the command line: <c>12</c>, or one array element <c>12_5</c> as Slurm writes it.</summary>
public static class JobTarget
{
    public static bool TryParse(string text, out long jobId, out int? element)
    {
        element = null;
        var underscore = text.IndexOf('_', StringComparison.Ordinal);
        if (underscore < 0)
        {
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out jobId);
        }

        var ok = long.TryParse(text.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture, out jobId)
            & int.TryParse(text.AsSpan(underscore + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index);
        element = index;
        return ok;
    }
}
