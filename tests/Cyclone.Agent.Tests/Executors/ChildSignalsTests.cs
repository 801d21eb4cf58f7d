using Cyclone.Agent.Executors;

namespace Cyclone.Agent.Tests.Executors;

public sealed class ChildSignalsTests
{
    [Theory]
    [InlineData("SigIgn:\t0000000000010000", true)]
    [InlineData("SigIgn:\t0000000001011000", true)]
    [InlineData("SigIgn:\t0000000000001000", false)]
    [InlineData("SigIgn:\t0000000000000000", false)]
    [InlineData("SigIgn:\tnot-hex", false)]
    public void The_sigchld_bit_of_the_ignored_mask_decides(string line, bool ignored) =>
        Assert.Equal(ignored, ChildSignals.IsIgnored($"Name:\tcyclone\nSigBlk:\t0000000000010000\n{line}\nSigCgt:\t0000000000000000\n"));

    [Fact]
    public void A_status_without_an_ignored_mask_counts_as_not_ignored() =>
        Assert.False(ChildSignals.IsIgnored("Name:\tcyclone\n"));

    [Fact]
    public void This_test_process_runs_with_sigchld_at_its_default() =>
        Assert.False(ChildSignals.IsIgnored(File.ReadAllText("/proc/self/status")), "test.sh starts the test hosts with SIGCHLD at its default");
}
