using Cyclone.Hub.Scheduling;
using Cyclone.Hub.Security;
using Cyclone.Protocol.Agent;
using Cyclone.Storage.Contract;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Cyclone.Hub.Agents;

/// <summary>
/// The agents' gRPC stream. Reads each agent's batches and hands them to the scheduler loop (output goes
/// straight to the store); a writer task drains the connection's queue into the response stream.
/// </summary>
public sealed partial class AgentStreamService : AgentHub.AgentHubBase
{
    private readonly SchedulerLoop _loop;
    private readonly IStore _store;
    private readonly TimeProvider _time;
    private readonly TokenRegistry _registry;
    private readonly ILogger<AgentStreamService> _logger;

    public AgentStreamService(SchedulerLoop loop, IStore store, TimeProvider time, TokenRegistry registry, ILogger<AgentStreamService> logger)
    {
        _registry = registry;
        _loop = loop;
        _store = store;
        _time = time;
        _logger = logger;
    }

    public override async Task Connect(IAsyncStreamReader<AgentMessage> requestStream, IServerStreamWriter<HubMessage> responseStream, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        bool first;
        try
        {
            first = await requestStream.MoveNext(ct);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            // bytes that are no agent message (bad protobuf or gRPC framing): the caller's fault, not an error of the hub
            LogRejected(context.Peer, $"the first message cannot be read: {ex.Message}");
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"the first message cannot be read: {ex.Message}"));
        }

        if (!first)
        {
            return;
        }

        var problem = RegistrationProblem(requestStream.Current);
        if (problem is not null)
        {
            LogRejected(context.Peer, problem);
            await responseStream.WriteAsync(new HubMessage { Rejected = new Rejected { Reason = problem } }, ct);
            return;
        }

        await _loop.Ready.WaitAsync(ct);
        var caller = Caller.Of(context.GetHttpContext().User);
        var connection = new AgentConnection(requestStream.Current.Register, context.Peer, _time.GetUtcNow())
        {
            TokenId = caller.TokenId,
            TokenExpiresAt = caller.TokenId is { } id ? _registry.FindToken(id)?.ExpiresAt : null,
        };
        var writer = WriteAsync(connection, responseStream, ct);
        _loop.Post(new ConnectCommand(connection, requestStream.Current.Register));
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(ct, connection.Closed);
        try
        {
            while (await requestStream.MoveNext(reading.Token))
            {
                await DispatchAsync(connection, requestStream.Current, reading.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // the agent went away, the hub closed this stream, or the hub is stopping
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            LogStreamBroken(connection.Name, ex.Message);
        }
        finally
        {
            _loop.Post(new DisconnectedCommand(connection));
            connection.Close();
        }

        await writer;
    }

    private async Task DispatchAsync(AgentConnection connection, AgentMessage message, CancellationToken ct)
    {
        switch (message.BodyCase)
        {
            case AgentMessage.BodyOneofCase.Ask:
                _loop.Post(new AskCommand(connection));
                break;
            case AgentMessage.BodyOneofCase.Heartbeat:
                _loop.Post(new HeartbeatCommand(connection, message.Heartbeat));
                break;
            case AgentMessage.BodyOneofCase.Outcomes:
                _loop.Post(new OutcomesCommand(connection, message.Outcomes));
                break;
            case AgentMessage.BodyOneofCase.Leaving:
                _loop.Post(new LeavingCommand(connection, message.Leaving.HandBack));
                break;
            case AgentMessage.BodyOneofCase.Output:
                var chunks = message.Output.Chunks.Where(c => connection.MayWriteOutput(c.TaskId, c.Attempt)).ToList();
                if (chunks.Count < message.Output.Chunks.Count)
                {
                    LogForeignOutput(connection.Name, message.Output.Chunks.Count - chunks.Count);
                }

                if (chunks.Count > 0)
                {
                    try
                    {
                        await _store.AppendOutputAsync(chunks.Select(c => new OutputAppend(c.TaskId, c.Attempt, c.Rank, (int)c.Stream, c.Data.Memory)).ToList(), ct);
                    }
                    catch (StoreFullException ex)
                    {
                        LogOutputDropped(connection.Name, chunks.Count, ex.Message); // output is not work: the stream and the tasks go on
                    }
                }

                break;
            default:
                LogUnexpectedMessage(connection.Name, message.BodyCase.ToString());
                break;
        }
    }

    private static async Task WriteAsync(AgentConnection connection, IServerStreamWriter<HubMessage> responseStream, CancellationToken ct)
    {
        try
        {
            await foreach (var message in connection.Outbound.ReadAllAsync(ct))
            {
                await responseStream.WriteAsync(message, ct);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            connection.Close(); // the stream is gone; the reader sees it too
        }
    }

    private static string? RegistrationProblem(AgentMessage first)
    {
        if (first.BodyCase != AgentMessage.BodyOneofCase.Register)
        {
            return $"the first message on the stream must be Register, not {first.BodyCase}";
        }

        var r = first.Register;
        return RunnerRegistrationRules.Problem(r.Name, r.Host, r.Slots, r.MemoryBytes, r.Gpus, r.Labels);
    }

    [LoggerMessage(20, LogLevel.Warning, "Rejected an agent from {Peer}: {Reason}")]
    private partial void LogRejected(string peer, string reason);

    [LoggerMessage(21, LogLevel.Information, "Stream of agent {Name} broke: {Message}")]
    private partial void LogStreamBroken(string name, string message);

    [LoggerMessage(23, LogLevel.Warning, "Agent {Name} sent output of {Count} chunk(s) for attempts it was not given; dropped")]
    private partial void LogForeignOutput(string name, int count);

    [LoggerMessage(24, LogLevel.Warning, "Dropped {Count} output chunk(s) of agent {Name}: {Reason}")]
    private partial void LogOutputDropped(string name, int count, string reason);

    [LoggerMessage(22, LogLevel.Warning, "Agent {Name} sent an unexpected {Kind} message; ignored")]
    private partial void LogUnexpectedMessage(string name, string kind);
}
