using System.Text.Json.Nodes;
using Cyclone.Hub.Sinks;

namespace Cyclone.Hub.Tests.Sinks;

public sealed class PushgatewayGroupTests
{
    [Fact]
    public void A_group_is_written_in_the_text_format_with_sorted_escaped_labels_and_the_last_sample_of_a_series()
    {
        var group = new PushgatewayGroup();
        foreach (var item in new[]
        {
            """{"name": "used", "value": 1, "labels": {"ost": "3", "fs": "scratch"}, "help": "Used bytes"}""",
            """{"name": "used", "value": 2.5, "labels": {"fs": "scratch", "ost": "3"}}""",
            """{"name": "state", "value": "NaN", "labels": {"path": "a\"b\\c"}}""",
        })
        {
            group.Add(PushgatewayMetric.From(JsonNode.Parse(item) as JsonObject)!);
        }

        Assert.Equal(
            "# HELP used Used bytes\n# TYPE used untyped\nused{fs=\"scratch\",ost=\"3\"} 2.5\n" +
            "# TYPE state untyped\nstate{path=\"a\\\"b\\\\c\"} NaN\n",
            group.ToText());
    }

    [Theory]
    [InlineData("""{"name": "1bad", "value": 1}""")]
    [InlineData("""{"name": "ok", "value": "high"}""")]
    [InlineData("""{"name": "ok", "value": 1, "labels": {"__reserved": "x"}}""")]
    [InlineData("""{"name": "ok", "value": 1, "labels": {"n": 3}}""")]
    [InlineData("""{"name": "ok", "value": 1, "labels": ["a"]}""")]
    [InlineData("""{"value": 1}""")]
    public void An_item_that_is_no_metric_is_refused(string item) =>
        Assert.Null(PushgatewayMetric.From(JsonNode.Parse(item) as JsonObject));

    [Fact]
    public void A_metrics_own_instance_label_is_taken_out_as_its_group_and_job_is_dropped()
    {
        var metric = PushgatewayMetric.From(JsonNode.Parse("""{"name": "m", "value": 1, "labels": {"instance": "mds1", "job": "x", "a": "b"}}""") as JsonObject)!;

        Assert.Equal("mds1", metric.Instance);
        Assert.Equal("m{a=\"b\"}", metric.Series);
    }
}
