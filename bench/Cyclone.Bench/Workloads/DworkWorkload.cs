using System.Diagnostics;
using Cyclone.Bench.Hosting;
using Cyclone.Protocol.Dwork;
using Google.Protobuf;
using NetMQ;
using NetMQ.Sockets;
using Type = Cyclone.Protocol.Dwork.QueryMsg.Types.Type;

namespace Cyclone.Bench.Workloads;

/// <summary>
/// w7-dwork: w7 over the dwork wire protocol (protobuf over ZeroMQ, <c>cyclone hub --dwork-port</c>). A hub without
/// agents gets 20,000 independent tasks in one Create; then two REQ workers, each with its own socket as dwork's
/// workers have, steal and complete until Steal answers Exit: once one task per Steal (n=1), once 16 (n=16, the 16
/// completed in one Complete).
/// </summary>
public static class DworkWorkload
{
    public const int Workers = 2;

    public static async Task<IReadOnlyDictionary<string, double>> RunAsync(BenchOptions options, CancellationToken ct)
    {
        var count = options.Count(20_000);
        var port = LocalCluster.FreePort();
        await using var cluster = await LocalCluster.StartAsync(options, ct, ["--dwork-port", $"{port}"]);
        try
        {
            await DrainAsync(port, "warm", 100, 1, ct);
            var one = await DrainAsync(port, "b1", count, 1, ct);
            var sixteen = await DrainAsync(port, "b16", count, 16, ct);
            return PullWorkload.Figures(count, one, sixteen, cluster);
        }
        finally
        {
            NetMQConfig.Cleanup(block: false);
        }
    }

    /// <summary>Creates <paramref name="count"/> tasks and runs the workers until Steal answers Exit; answers the seconds that took.</summary>
    private static async Task<double> DrainAsync(int port, string prefix, int count, int batch, CancellationToken ct)
    {
        using (var client = Connect(port))
        {
            var create = new QueryMsg { Type = Type.Create };
            create.Task.AddRange(Enumerable.Range(0, count).Select(i => new TaskMsg { Name = $"{prefix}-{i}", Origin = "bench" }));
            Expect(Call(client, create), Type.Ok);
        }

        var clock = Stopwatch.StartNew();
        var done = await Task.WhenAll(Enumerable.Range(0, Workers).Select(i => Task.Run(() => Work(port, $"{prefix}-worker{i}", batch, ct), ct)));
        var seconds = clock.Elapsed.TotalSeconds;
        if (done.Sum() != count)
        {
            throw new InvalidOperationException($"the workers completed {done.Sum()} of {count} tasks");
        }

        Progress.Say($"dwork: {count} tasks, {Workers} workers, steal n={batch}: {seconds:0.00}s ({count / seconds:0} tasks/s)");
        return seconds;
    }

    /// <summary>One worker: steals up to <paramref name="batch"/> tasks, completes them in one message, until Exit. Answers how many it completed.</summary>
    private static int Work(int port, string location, int batch, CancellationToken ct)
    {
        using var socket = Connect(port);
        var completed = 0;
        while (!ct.IsCancellationRequested)
        {
            var stolen = Call(socket, new QueryMsg { Type = Type.Steal, Location = location, N = batch });
            if (stolen.Type == Type.Exit)
            {
                return completed;
            }

            if (stolen.Type == Type.NotFound)
            {
                continue; // the other worker holds the rest
            }

            Expect(stolen, Type.Transfer);
            var complete = new QueryMsg { Type = Type.Complete, Location = location };
            complete.Task.AddRange(stolen.Task.Select(t => new TaskMsg { Name = t.Name, Origin = t.Origin }));
            Expect(Call(socket, complete), Type.Ok);
            completed += stolen.Task.Count;
        }

        ct.ThrowIfCancellationRequested();
        return completed;
    }

    private static RequestSocket Connect(int port)
    {
        var socket = new RequestSocket();
        socket.Options.Linger = TimeSpan.Zero;
        socket.Connect($"tcp://127.0.0.1:{port}");
        return socket;
    }

    private static QueryMsg Call(RequestSocket socket, QueryMsg query)
    {
        socket.SendFrame(query.ToByteArray());
        return socket.TryReceiveFrameBytes(TimeSpan.FromSeconds(120), out var reply)
            ? QueryMsg.Parser.ParseFrom(reply)
            : throw new TimeoutException("the hub did not answer a dwork request within 120 s");
    }

    private static void Expect(QueryMsg reply, Type type)
    {
        if (reply.Type != type)
        {
            throw new InvalidOperationException($"the hub answered {reply.Type} ({reply.Name}) where {type} was expected");
        }
    }
}
