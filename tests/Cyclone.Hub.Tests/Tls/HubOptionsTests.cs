using Cyclone.Hub.Hosting;
using Microsoft.Extensions.Configuration;

namespace Cyclone.Hub.Tests.Tls;

public sealed class HubOptionsTests
{
    private static HubOptions? Read(out IReadOnlyList<string> problems, params (string Key, string Value)[] values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
        var options = HubApplication.ReadOptions(configuration, out problems);
        Assert.All(problems, p => Assert.True(p.Length < 500, $"{p.Length} characters"));
        return options;
    }

    [Fact]
    public void The_defaults_are_valid() => Assert.NotNull(Read(out _));

    [Fact]
    public void A_value_that_does_not_convert_is_a_short_problem_naming_the_setting_not_an_exception()
    {
        // the binder's InvalidOperationException ended the hub with a stack trace; fuzzing found its message quoting the value whole
        Assert.Null(Read(out var problems, ("Hub:LeaseTimeout", "/" + new string('p', 65_536))));
        Assert.StartsWith("Hub:LeaseTimeout: '/ppp", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Hub:Port", "65536")]
    [InlineData("Hub:GrpcPort", "-1")]
    [InlineData("Hub:MaxAttempts", "0")]
    [InlineData("Hub:MaxRequestBodyBytes", "1023")]
    public void Values_out_of_their_declared_range_are_problems(string key, string value)
    {
        // the [Range] attributes were never checked
        Assert.Null(Read(out var problems, (key, value)));
        Assert.Contains(problems, p => p.StartsWith(key, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Hub:HeartbeatInterval", "10675199.02:48:05.4775807")] // the check itself overflowed: heartbeat * 2
    [InlineData("Hub:TickInterval", "60.00:00:00")] // the loop's PeriodicTimer refused it, and no lease ever expired
    [InlineData("Hub:TimeLimitBackstop", "10675199.02:48:05.4775807")] // a time limit plus the backstop overflowed in the loop
    [InlineData("Hub:TimeLimitBackstop", "-00:00:01")]
    [InlineData("Hub:LeaseTimeout", "2.00:00:00")]
    public void Durations_the_hub_cannot_use_are_problems_not_exceptions(string key, string value)
    {
        Assert.Null(Read(out var problems, (key, value)));
        Assert.Contains(problems, p => p.Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public void A_certificate_path_with_a_NUL_is_a_problem_not_an_exception()
    {
        // Path.GetFullPath threw ArgumentException while the message was written
        Assert.Null(Read(out var problems, ("Hub:Tls:Certificate", "a\0b")));
        Assert.StartsWith("Hub:Tls:Certificate: no certificate file at a", Assert.Single(problems), StringComparison.Ordinal);
    }
}
