using Cyclone.Hub.Sinks;

namespace Cyclone.Hub.Tests.Sinks;

public sealed class SinkOptionsTests
{
    [Fact]
    public void A_complete_mysql_and_pushgateway_sink_have_no_problems()
    {
        Assert.Empty(new SinkOptions { Kind = SinkKind.MySql, ConnectionString = "Server=db;Database=x;User ID=u", Table = "rows" }.Problems("db"));
        Assert.Empty(new SinkOptions { Kind = SinkKind.Pushgateway, Url = "http://127.0.0.1:9091" }.Problems("push"));
    }

    [Fact]
    public void Each_problem_names_the_sink_and_the_setting()
    {
        var problems = new SinkOptions { Kind = SinkKind.MySql, Table = "bad-name", BatchSize = 0, MaxRetryDelay = TimeSpan.Zero }.Problems("db").ToList();

        Assert.Contains(problems, p => p.StartsWith("Hub:Sinks:db:Table is required", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Hub:Sinks:db:ConnectionString is required", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Hub:Sinks:db:BatchSize", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Hub:Sinks:db:MaxRetryDelay", StringComparison.Ordinal));
    }

    [Fact]
    public void A_sink_without_a_kind_or_with_a_bad_address_or_method_is_refused()
    {
        Assert.Contains("Hub:Sinks:x:Kind is required: MySql or Pushgateway", new SinkOptions().Problems("x"));
        var problems = new SinkOptions { Kind = SinkKind.Pushgateway, Url = "ftp://gw", Method = "GET" }.Problems("1x").ToList();
        Assert.Contains(problems, p => p.StartsWith("Hub:Sinks:1x: '1x' is not a sink name", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Hub:Sinks:1x:Url is required", StringComparison.Ordinal));
        Assert.Contains("Hub:Sinks:1x:Method must be POST or PUT (is 'GET')", problems);
    }
}
