namespace Cyclone.Samples.TaskPlugin;

/// <summary>Files and bytes under a directory, in total and by extension (<c>(none)</c> for files without one).</summary>
public sealed record Census(long Files, long Bytes, IReadOnlyDictionary<string, (long Files, long Bytes)> ByExtension)
{
    public static Census Of(string directory, int maxFiles, CancellationToken cancellationToken)
    {
        var byExtension = new Dictionary<string, (long Files, long Bytes)>(StringComparer.Ordinal);
        long files = 0, bytes = 0;
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var file in new DirectoryInfo(directory).EnumerateFiles("*", options).Take(maxFiles))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var extension = file.Extension.Length > 1 ? file.Extension[1..].ToLowerInvariant() : "(none)";
            var (f, b) = byExtension.GetValueOrDefault(extension);
            byExtension[extension] = (f + 1, b + file.Length);
            files++;
            bytes += file.Length;
        }

        return new Census(files, bytes, byExtension);
    }
}
