using Cyclone.Agent.Hosting;
using Cyclone.Tests.Shared;

namespace Cyclone.Agent.Tests.Fuzz;

public sealed class AgentOptionsFuzzTests
{
    private static readonly (string, string)[] Keys =
    [
        ("Agent:HubUrl", "text"), ("Agent:Token", "text"), ("Agent:TokenFile", "text"), ("Agent:CaFile", "text"), ("Agent:Name", "text"),
        ("Agent:Slots", "int"), ("Agent:Labels", "text"), ("Agent:PluginDirectory", "text"), ("Agent:KillGrace", "duration"),
        ("Agent:ShutdownGrace", "duration"), ("Agent:OutputFlushInterval", "duration"), ("Agent:OutputBatchBytes", "int"),
        ("Agent:OutputBufferBytes", "int"), ("Agent:ReconnectMaxDelay", "duration"), ("Agent:NoSuchSetting", "text"),
        ("Agent:Executor", "text"), ("Agent:Slurm:Partition", "text"), ("Agent:Slurm:Account", "text"), ("Agent:Slurm:Qos", "text"),
        ("Agent:Slurm:ExtraArguments", "text"), ("Agent:Slurm:PollInterval", "duration"), ("Agent:Slurm:JobDirectory", "text"),
        ("Agent:Pilot", "text"), ("Agent:AllocationEnd", "text"), ("Agent:PilotMargin", "duration"),
    ];

    [Fact]
    public void Any_configuration_gives_valid_options_or_short_problems_and_never_throws() =>
        PropertyFuzz.Check("AgentOptions any configuration", ConfigFuzz.Of(Keys), values =>
        {
            values.TryAdd("Agent:Token", "fuzz-token"); // else the token comes from the environment
            var what = ConfigFuzz.Describe(values);
            var options = AgentApplication.ReadOptions(ConfigFuzz.Build(values), out var problems);
            Assert.True(options is null == problems.Count > 0, $"{what}: options {(options is null ? "missing" : "given")} with {problems.Count} problems");
            Assert.All(problems, p => PropertyFuzz.AssertMessage(p, what));
            if (options is null)
            {
                return;
            }

            // what the agent derives from valid options must hold: hub addresses, labels, timers and the shutdown wait
            Assert.NotEmpty(options.HubUrls());
            Assert.All(options.LabelList(), l => Assert.False(string.IsNullOrWhiteSpace(l)));
            Assert.True(options.Slots >= 1 && options.OutputBatchBytes >= 1024 && options.OutputBufferBytes >= options.OutputBatchBytes, what);
            Assert.True(options.OutputFlushInterval > TimeSpan.Zero && options.OutputFlushInterval.TotalMilliseconds < uint.MaxValue - 1, $"{what}: flush {options.OutputFlushInterval}");
            Assert.True(AgentService.LongestShutdown(options) > TimeSpan.Zero, what);
            Assert.True(options.Slurm.PollInterval / 2 > TimeSpan.Zero && options.Slurm.PollInterval.TotalMilliseconds < uint.MaxValue - 1, what);
            Assert.True(options.AllocationEnd is null || (options.AllocationEnd - options.PilotMargin).Value.Year > 1, what);
            if (!string.IsNullOrEmpty(options.Slurm.JobDirectory))
            {
                Assert.NotNull(Path.GetFullPath(options.Slurm.JobDirectory));
            }
        }, 1_500);
}
