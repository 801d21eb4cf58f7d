namespace Cyclone.Cli.Configuration;

/// <summary>
/// An INI file as the original tool wrote them: <c>[section]</c> headers, <c>key = value</c> (or <c>key: value</c>)
/// lines, comments starting with <c>#</c> or <c>;</c>. Each value keeps the line it came from, for error messages.
/// </summary>
public sealed class IniFile
{
    private IniFile(string path, IReadOnlyList<IniValue> values)
    {
        Path = path;
        Values = values;
    }

    public string Path { get; }

    public IReadOnlyList<IniValue> Values { get; }

    /// <exception cref="FormatException">A line is neither a section, a key and value, a comment nor blank; the message names file:line.</exception>
    public static IniFile Read(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (IOException ex)
        {
            throw new FormatException($"{path}: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new FormatException($"{path}: {ex.Message}", ex);
        }

        var values = new List<IniValue>();
        string? section = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var where = $"{path}:{i + 1}";
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[')
            {
                section = line.EndsWith(']') && line.Length > 2
                    ? line[1..^1].Trim()
                    : throw new FormatException($"{where}: '{line}' is not a section header such as [control]");
                continue;
            }

            var separator = line.IndexOfAny(['=', ':']);
            if (separator <= 0)
            {
                throw new FormatException($"{where}: '{line}' is not 'key = value'");
            }

            if (section is null)
            {
                throw new FormatException($"{where}: '{line}' comes before any [section]");
            }

            values.Add(new IniValue(section, line[..separator].Trim(), line[(separator + 1)..].Trim(), where));
        }

        return new IniFile(path, values);
    }
}
