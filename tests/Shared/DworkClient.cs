using Cyclone.Protocol.Dwork;
using Google.Protobuf;
using NetMQ;
using NetMQ.Sockets;
using Type = Cyclone.Protocol.Dwork.QueryMsg.Types.Type;

namespace Cyclone.Tests.Shared;

/// <summary>A dwork client as dwork's own are: a ZeroMQ REQ socket, one QueryMsg per frame, one reply per request.</summary>
internal sealed class DworkClient : IDisposable
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(30);

    private readonly RequestSocket _socket = new();

    public DworkClient(int port, string location = "")
    {
        Location = location;
        _socket.Options.Linger = TimeSpan.Zero;
        _socket.Connect($"tcp://127.0.0.1:{port}");
    }

    public string Location { get; }

    /// <summary>Sends raw bytes as one frame and parses the reply.</summary>
    public QueryMsg SendRaw(byte[] frame)
    {
        _socket.SendFrame(frame);
        Assert.True(_socket.TryReceiveFrameBytes(ReplyTimeout, out var reply), "the hub did not answer within 30 s");
        return QueryMsg.Parser.ParseFrom(reply);
    }

    public QueryMsg Send(QueryMsg query) => SendRaw(query.ToByteArray());

    public QueryMsg Create(string origin, params (string Name, string[] Preds)[] tasks)
    {
        var query = new QueryMsg { Type = Type.Create };
        foreach (var (name, preds) in tasks)
        {
            query.Task.Add(Task(name, origin, preds));
        }

        return Send(query);
    }

    public QueryMsg Steal(int? n = null)
    {
        var query = new QueryMsg { Type = Type.Steal, Location = Location };
        if (n is { } count)
        {
            query.N = count;
        }

        return Send(query);
    }

    public QueryMsg Complete(params string[] names) => Report(Type.Complete, names);

    public QueryMsg Transfer(params string[] names) => Report(Type.Transfer, names);

    public QueryMsg Exit() => Send(new QueryMsg { Type = Type.Exit, Location = Location });

    public QueryMsg Lookup(string name) => Send(new QueryMsg { Type = Type.Lookup, Name = name });

    public QueryMsg Status() => Send(new QueryMsg { Type = Type.Ok });

    public static TaskMsg Task(string name, string origin = "client", params string[] preds)
    {
        var task = new TaskMsg { Name = name, Origin = origin };
        task.Pred.AddRange(preds.Select(p => new Dep { Name = p }));
        return task;
    }

    private QueryMsg Report(Type type, string[] names)
    {
        var query = new QueryMsg { Type = type, Location = Location };
        query.Task.AddRange(names.Select(n => Task(n, Location)));
        return Send(query);
    }

    public void Dispose() => _socket.Dispose();
}
