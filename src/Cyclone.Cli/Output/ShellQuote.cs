using System.Globalization;
using System.Text;

namespace Cyclone.Cli.Output;

/// <summary>Writes words so that a POSIX shell (or <c>bash -c</c>) reads them back as the same words, on one line.</summary>
public static class ShellQuote
{
    private const string Plain = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=:,./-";

    /// <summary>The words joined by spaces, each quoted only when it has to be.</summary>
    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));

    /// <summary>
    /// One word: as it is when it holds only safe characters; else in single quotes (a quote as <c>'\''</c>); a word
    /// with control characters (a newline) as bash's <c>$'...'</c>, so that the line stays one line.
    /// </summary>
    public static string Quote(string word)
    {
        if (word.Length > 0 && word.All(c => Plain.Contains(c, StringComparison.Ordinal)))
        {
            return word;
        }

        if (!word.Any(char.IsControl))
        {
            return "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
        }

        var text = new StringBuilder("$'");
        foreach (var c in word)
        {
            text.Append(c switch
            {
                '\\' => "\\\\",
                '\'' => "\\'",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                _ when c < 0x80 && char.IsControl(c) => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                _ when char.IsControl(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return text.Append('\'').ToString();
    }
}
