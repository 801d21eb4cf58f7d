using Google.Protobuf;
using Cyclone.Protocol.Dwork;
using Type = Cyclone.Protocol.Dwork.QueryMsg.Types.Type;

namespace Cyclone.Hub.Tests.Dwork;

/// <summary>The dwork wire protocol against a real hub: a graph created, stolen by two locations, completed, looked up, finished.</summary>
public sealed class DworkProtocolTests
{
    private static readonly string[] None = [];

    [Fact]
    public async Task A_graph_is_stolen_by_two_locations_in_dependency_order_and_Steal_answers_Exit_once_all_are_done()
    {
        await using var hub = await DworkHub.StartAsync();
        using var client = hub.Client();
        using var one = hub.Client("host1");
        using var two = hub.Client("host2");
        Assert.Equal(Type.Ok, client.Create("origin1", ("a", None), ("b", ["a"]), ("c", ["a"])).Type);
        Assert.Equal(Type.Ok, client.Create("origin2", ("d", ["b", "c"])).Type);
        var status = client.Status();
        Assert.Equal((Type.Ok, 1), (status.Type, status.N));
        Assert.Contains("4 tasks", status.Name, StringComparison.Ordinal);

        var first = one.Steal(5);
        Assert.Equal(Type.Transfer, first.Type);
        Assert.Equal(["a"], first.Task.Select(t => t.Name));
        Assert.Equal("origin1", first.Task[0].Origin);
        Assert.Equal(Type.NotFound, two.Steal().Type);
        Assert.Equal(State.Stolen, client.Lookup("a").Task[0].Log[^1].State);
        Assert.Equal(State.Waiting, LookupState(hub, "d"));
        Assert.Equal(Type.Ok, one.Complete("a").Type);

        var b = one.Steal(1);
        var c = two.Steal(16);
        Assert.Equal(["b", "c"], b.Task.Concat(c.Task).Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["a"], b.Task[0].Pred.Select(p => p.Name));
        Assert.Equal(Type.NotFound, one.Steal().Type);
        Assert.Equal(Type.Ok, one.Complete(b.Task[0].Name).Type);
        Assert.Equal(Type.Ok, two.Complete(c.Task[0].Name).Type);

        var d = two.Steal(2);
        Assert.Equal(["d"], d.Task.Select(t => t.Name));
        Assert.Equal(["b", "c"], d.Task[0].Pred.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(State.Stolen, LookupState(hub, "d"));
        Assert.Equal(Type.Ok, two.Complete("d").Type);

        Assert.Equal(Type.Exit, one.Steal().Type);
        Assert.Equal(Type.Exit, two.Steal(16).Type);
        var done = client.Lookup("d");
        Assert.Equal((Type.Ok, State.Done), (done.Type, done.Task[0].Log[^1].State));
        Assert.Equal(Type.NotFound, client.Lookup("nothing").Type);
        Assert.Equal(0, client.Status().N);
        Assert.Equal(Type.NotFound, one.Exit().Type);
    }

    [Fact]
    public async Task A_Create_with_unknown_predecessors_duplicate_names_or_a_cycle_gets_Error_and_stores_nothing()
    {
        await using var hub = await DworkHub.StartAsync();
        using var client = hub.Client();
        Assert.Equal(Type.Ok, client.Create("o", ("a", None)).Type);

        var cases = new (string Why, QueryMsg Reply)[]
        {
            ("which is no task", client.Create("o", ("x", None), ("y", ["nobody"]))),
            ("exists already", client.Create("o", ("x", None), ("x", None))),
            ("exists already", client.Create("o", ("z", None), ("a", None))),
            ("cycle", client.Create("o", ("p", ["q"]), ("q", ["r"]), ("r", ["p"]))),
            ("waits for itself", client.Create("o", ("s", ["s"]))),
            ("1 to", client.Send(new QueryMsg { Type = Type.Create })),
        };

        foreach (var (why, reply) in cases)
        {
            Assert.Equal(Type.Error, reply.Type);
            Assert.Contains(why, reply.Name, StringComparison.Ordinal);
        }

        Assert.Contains("1 tasks", client.Status().Name, StringComparison.Ordinal);
        foreach (var name in new[] { "x", "y", "z", "p", "q", "r", "s" })
        {
            Assert.Equal(Type.NotFound, client.Lookup(name).Type);
        }

        // a predecessor from an earlier Create, from another origin, is fine
        Assert.Equal(Type.Ok, client.Create("other", ("x", ["a"])).Type);
    }

    [Fact]
    public async Task Malformed_frames_get_Error_and_the_hub_keeps_serving()
    {
        await using var hub = await DworkHub.StartAsync();
        using var client = hub.Client();
        var frames = new[]
        {
            new byte[] { 0xff, 0xff, 0xff, 0xff },                                   // not protobuf
            Array.Empty<byte>(),                                                      // no type
            new byte[] { 0x08, 42 },                                                  // type 42: no such type
            new QueryMsg { Type = Type.Create, Task = { new TaskMsg { Name = "no-origin" } } }.ToByteArray(),
            new QueryMsg { Type = Type.Error }.ToByteArray(),                         // a hub's answer, not a request
            new QueryMsg { Type = Type.Steal }.ToByteArray(),                         // no location
        };

        foreach (var frame in frames)
        {
            Assert.Equal(Type.Error, client.SendRaw(frame).Type);
        }

        Assert.Equal(Type.Ok, client.Create("o", ("a", None)).Type);
        Assert.Equal(Type.Ok, client.Status().Type);
    }

    /// <summary>The state a Lookup reports for <paramref name="name"/> (null when it is not found).</summary>
    private static State? LookupState(DworkHub hub, string name)
    {
        using var client = hub.Client();
        var reply = client.Lookup(name);
        return reply.Type == Type.Ok ? reply.Task[0].Log[^1].State : null;
    }
}
