using Cyclone.Hub.Hosting;
using Cyclone.Hub.Scheduling;
using Cyclone.Storage.Contract;
using Google.Protobuf;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetMQ;
using NetMQ.Sockets;

namespace Cyclone.Hub.Dwork;

/// <summary>
/// The dwork endpoint: a ZeroMQ ROUTER socket that takes one QueryMsg per frame from REQ clients. The socket lives
/// on its own thread with a <see cref="NetMQPoller"/>; each request is handled asynchronously and its reply comes
/// back through a <see cref="NetMQQueue{T}"/> polled on that thread, so the socket is only ever touched there.
/// Off unless <see cref="DworkOptions.Port"/> is set.
/// </summary>
internal sealed class DworkServer(
    DworkHandler handler, DworkRegistry registry, SchedulerLoop loop, IStore store, HubEndpointInfo info, IOptions<HubOptions> options, ILogger<DworkServer> logger)
    : BackgroundService
{
    private readonly HubOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.Dwork.Port is not { } port)
        {
            return;
        }

        await loop.Ready.WaitAsync(stoppingToken);
        await registry.LoadAsync(store, _options.Dwork.User, stoppingToken);
        var bound = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() => Serve(port, bound, stopped, stoppingToken)) { IsBackground = true, Name = "dwork-router" };
        thread.Start();
        try
        {
            info.DworkPort = await bound.Task;
        }
        catch (NetMQException ex)
        {
            DworkLog.CannotListen(logger, _options.BindAddress, port, ex);
            throw;
        }

        DworkLog.Listening(logger, _options.BindAddress, info.DworkPort.Value, registry.Count, registry.Open);
        await stopped.Task;
    }

    private void Serve(int port, TaskCompletionSource<int> bound, TaskCompletionSource stopped, CancellationToken ct)
    {
        try
        {
            using var router = new RouterSocket();
            using var replies = new NetMQQueue<NetMQMessage>();
            using var poller = new NetMQPoller { router, replies };
            router.Options.Linger = TimeSpan.Zero;
            var address = _options.BindAddress == "localhost" ? "127.0.0.1" : _options.BindAddress;
            try
            {
                bound.SetResult(port == 0 ? router.BindRandomPort($"tcp://{address}") : Bind(router, address, port));
            }
            catch (NetMQException ex)
            {
                bound.SetException(ex);
                return;
            }

            router.ReceiveReady += (_, e) =>
            {
                var request = new NetMQMessage();
                while (e.Socket.TryReceiveMultipartMessage(ref request))
                {
                    // off the poller thread: a large Create takes a while to check
                    var received = request;
                    _ = Task.Run(() => AnswerAsync(received, replies, ct), CancellationToken.None);
                    request = new NetMQMessage();
                }
            };
            replies.ReceiveReady += (_, e) =>
            {
                while (e.Queue.TryDequeue(out var reply, TimeSpan.Zero))
                {
                    router.TrySendMultipartMessage(reply);
                }
            };
            using var stop = ct.Register(poller.StopAsync);
            poller.Run();
        }
        finally
        {
            stopped.TrySetResult();
        }
    }

    private static int Bind(RouterSocket router, string address, int port)
    {
        router.Bind($"tcp://{address}:{port}");
        return port;
    }

    /// <summary>Handles one request on the thread pool; its reply (same envelope, one frame) goes back through the queue.</summary>
    private async Task AnswerAsync(NetMQMessage request, NetMQQueue<NetMQMessage> replies, CancellationToken ct)
    {
        var payload = request.Last.ToByteArray();
        var reply = new NetMQMessage();
        for (var i = 0; i < request.FrameCount - 1; i++)
        {
            reply.Append(request[i]);
        }

        try
        {
            var answer = await handler.HandleAsync(payload, ct);
            reply.Append(answer.ToByteArray());
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return; // the hub stops
        }
        catch (Exception ex)
        {
            DworkLog.Failed(logger, ex);
            reply.Append(new Protocol.Dwork.QueryMsg { Type = Protocol.Dwork.QueryMsg.Types.Type.Error, Name = $"the hub failed on this request: {ex.Message}" }.ToByteArray());
        }

        try
        {
            replies.Enqueue(reply);
        }
        catch (ObjectDisposedException)
        {
            // the endpoint closed while this request was handled
        }
    }
}
