using Spectre.Console;

namespace Cyclone.Cli.Output;

/// <summary>
/// Prints rows under headers: a Spectre.Console table when stdout is a terminal, plain space-aligned
/// columns (no ANSI codes) when it is redirected.
/// </summary>
public static class TableWriter
{
    /// <summary>Prints <paramref name="rows"/>; each row has one cell per header. On a terminal, <paramref name="empty"/> replaces an empty table.</summary>
    public static void Write(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, string? empty = null)
    {
        if (rows.Count == 0 && empty is not null && !Console.IsOutputRedirected)
        {
            Console.Out.WriteLine(empty);
            return;
        }

        if (Console.IsOutputRedirected)
        {
            WritePlain(Console.Out, headers, rows);
            return;
        }

        var table = new Table().Border(TableBorder.Simple);
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(Markup.Escape(header)).NoWrap());
        }

        foreach (var row in rows)
        {
            table.AddRow(row.Select(c => new Text(c)).ToArray());
        }

        AnsiConsole.Write(table);
    }

    /// <summary>Columns separated by two spaces, each as wide as its widest cell; the last one not padded.</summary>
    public static void WritePlain(TextWriter output, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var widths = headers.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        foreach (var row in rows.Prepend(headers))
        {
            var cells = row.Select((c, i) => i == row.Count - 1 ? c : c.PadRight(widths[i]));
            output.WriteLine(string.Join("  ", cells).TrimEnd());
        }
    }
}
