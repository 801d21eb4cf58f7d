using System.Text;
using Cyclone.Agent.Executors;

namespace Cyclone.Agent.Tests.Executors;

public sealed class ProcessTreeTests
{
    [Fact]
    public void A_stat_line_whose_command_name_holds_spaces_and_parentheses_gives_the_state_parent_group_and_session()
    {
        Assert.True(ProcessTree.TryParse("4242 (my (odd) name) S 17 4242 4200 0 -1 4194560 106\n"u8, out var stat));
        Assert.Equal(new ProcessTree.ProcStat(4242, 'S', 17, 4242, 4200), stat);
    }

    [Theory]
    [InlineData("")]
    [InlineData("4242 (name")]
    [InlineData("(name) S 1 2 3")]
    [InlineData("4242 (name) S 1 2")]
    [InlineData("4242 (name) S x 2 3")]
    public void A_cut_or_garbled_stat_line_is_not_read(string line) =>
        Assert.False(ProcessTree.TryParse(Encoding.ASCII.GetBytes(line), out _));

    [Fact]
    public void This_process_is_read_from_proc_as_the_kernel_states_it_and_a_pid_that_does_not_exist_is_not()
    {
        Assert.True(ProcessTree.TryRead(Environment.ProcessId, out var self));
        Assert.Equal(Environment.ProcessId, self.Pid);
        Assert.True(ProcessTree.IsAlive(Environment.ProcessId));

        // Group and session are 0 inside a PID namespace whose leaders live outside it (a container's test
        // runner): compare with the kernel's own account in /proc/self/status, not with a fixed expectation.
        var status = File.ReadAllLines("/proc/self/status");
        Assert.Equal(StatusField(status, "PPid"), self.ParentPid);
        Assert.Equal(StatusField(status, "NSpgid"), self.Group);
        Assert.Equal(StatusField(status, "NSsid"), self.Session);
        Assert.False(ProcessTree.TryRead(int.MaxValue, out _));
    }

    /// <summary>The innermost namespace's value of a <c>Name:\tvalue...</c> line.</summary>
    private static int StatusField(string[] status, string name)
    {
        var line = status.Single(l => l.StartsWith(name + ":", StringComparison.Ordinal));
        return int.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[^1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
