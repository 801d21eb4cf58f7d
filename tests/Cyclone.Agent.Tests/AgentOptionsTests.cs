using Cyclone.Agent.Hosting;
using Microsoft.Extensions.Configuration;

namespace Cyclone.Agent.Tests;

public sealed class AgentOptionsTests
{
    private static AgentOptions? Read(out IReadOnlyList<string> problems, params (string Key, string Value)[] values)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([KeyValuePair.Create("Agent:Token", (string?)"t"), .. values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))])
            .Build();
        return AgentApplication.ReadOptions(configuration, out problems);
    }

    [Theory]
    [InlineData("Agent:KillGrace", "10675199.02:48:05.4775807")] // the longest shutdown (grace + kill grace + ...) overflowed at start
    [InlineData("Agent:ShutdownGrace", "10675199.02:48:05.4775807")]
    [InlineData("Agent:OutputFlushInterval", "60.00:00:00")] // the batcher's timer refuses more than 49 days
    [InlineData("Agent:ReconnectMaxDelay", "60.00:00:00")] // so does Task.Delay
    public void Durations_the_agent_cannot_use_are_problems_not_exceptions(string key, string value)
    {
        Assert.Null(Read(out var problems, (key, value)));
        Assert.Contains(problems, p => p.StartsWith(key, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Agent:TokenFile")]
    [InlineData("Agent:Slots")]
    [InlineData("Agent:Name")]
    public void A_huge_value_is_quoted_in_short(string key)
    {
        // found by fuzzing: problems quoted the value whole
        Assert.Null(Read(out var problems, (key, "/" + new string('p', 65_536))));
        Assert.True(problems.Count > 0 && problems.All(p => p.Length < 500), string.Join("\n", problems.Select(p => p.Length)));
    }
}
