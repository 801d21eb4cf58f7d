using System.Text;
using Cyclone.Core.Dependencies;
using Cyclone.Core.Workflows.TaskFile;

namespace Cyclone.Core.Tests.Workflows;

public sealed class TaskFileReaderTests
{
    [Fact]
    public void Lines_become_shell_commands_with_their_dependencies_in_any_order()
    {
        var wf = TaskFileReader.Read("""
            # a comment

            plot,clean  python3 plot.py clean.csv | tee out
            clean,fetch python3 clean.py
            fetch       curl -sO x
            mail,afterany:plot,afternotok:clean echo done
            """, "t", out var problems);
        Assert.Empty(problems);
        Assert.Equal(["plot", "clean", "fetch", "mail"], wf.Nodes.Select(n => n.Name));
        Assert.Equal(["/bin/sh", "-c", "python3 plot.py clean.csv | tee out"], wf.Nodes[0].Command);
        Assert.Contains(wf.Edges, e => (e.From, e.To, e.Condition) == ("plot", "mail", DependencyKind.AfterAny));
        Assert.Contains(wf.Edges, e => (e.From, e.To, e.Condition) == ("clean", "mail", DependencyKind.AfterNotOk));
    }

    [Fact]
    public void Bad_lines_are_reported_with_their_number()
    {
        TaskFileReader.Read("a true\nlonely\nb,after:a true\n", "t", out var problems);
        Assert.Equal(["line 2", "line 3"], problems.Select(p => p.Where));
    }

    [Fact]
    public void A_hundred_thousand_lines_read_in_one_pass()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 100_000; i++)
        {
            text.Append('t').Append(i).Append(i > 0 ? $",t{i - 1}" : "").Append(" true\n");
        }

        var wf = TaskFileReader.Read(text.ToString(), "t", out var problems);
        Assert.Empty(problems);
        Assert.Equal((100_000, 99_999), (wf.Nodes.Count, wf.Edges.Count));
    }
}
