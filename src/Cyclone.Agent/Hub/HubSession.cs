using Cyclone.Agent.Attempts;
using Cyclone.Agent.Hosting;
using Cyclone.Protocol.Agent;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;

namespace Cyclone.Agent.Hub;

/// <summary>
/// One stream to the hub: Register, then Welcome (or Rejected); then three loops until the stream ends:
/// the writer (the only one that writes, draining the outbox), the reader (leases, stops, acks) and the
/// heartbeat. Unacknowledged outcomes are resent first. Processes keep running when the stream ends.
/// </summary>
public sealed partial class HubSession
{
    /// <summary>How long the hub may take to answer a registration.</summary>
    public static readonly TimeSpan WelcomeTimeout = TimeSpan.FromSeconds(30);

    private readonly AgentOptions _options;
    private readonly MachineInfo _machine;
    private readonly AttemptSupervisor _supervisor;
    private readonly OutcomeLedger _ledger;
    private readonly Outbox _outbox;
    private readonly TimeProvider _time;
    private readonly ILogger<HubSession> _logger;

    public HubSession(AgentOptions options, MachineInfo machine, AttemptSupervisor supervisor, OutcomeLedger ledger, Outbox outbox, TimeProvider time, ILogger<HubSession> logger)
    {
        _options = options;
        _machine = machine;
        _supervisor = supervisor;
        _ledger = ledger;
        _outbox = outbox;
        _time = time;
        _logger = logger;
    }

    /// <summary>What to do when the hub asks the agent to retire (the host wires it to a graceful stop).</summary>
    public Action<string>? Retire { get; set; }

    private string? _refusal;
    private CancellationTokenSource? _current;
    private string? _reregistering;

    /// <summary>
    /// Ends the current stream so that the agent registers again at once with what it now says of itself (a pilot whose
    /// allocation moved: the hub then leases it by the new end). Its attempts go on; the hub keeps them on the new stream.
    /// </summary>
    public void Reregister(string reason)
    {
        _reregistering = reason;
        try
        {
            Volatile.Read(ref _current)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // the stream has just ended: the next registration says the new things anyway
        }
    }

    /// <summary>Set once the agent leaves: the Leaving message every new stream repeats after its Welcome.</summary>
    public Leaving? Leaving { get; set; }

    /// <summary>Runs one stream to <paramref name="hub"/> until it ends, the outbox completes, or <paramref name="ct"/> is cancelled.</summary>
    public async Task<SessionEnd> RunAsync(HubEndpoint hub, CancellationToken ct)
    {
        var handler = Cyclone.Client.HubTrust.CreateHandler(_options.CaFile);
        handler.KeepAlivePingDelay = TimeSpan.FromSeconds(20);
        handler.KeepAlivePingTimeout = TimeSpan.FromSeconds(20);
        handler.KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always;
        handler.PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan;
        using var channel = GrpcChannel.ForAddress(hub.GrpcUrl, new GrpcChannelOptions { HttpHandler = handler, MaxReceiveMessageSize = 64 << 20 });
        var headers = new Metadata { { "authorization", $"Bearer {_options.Token}" } };
        using var session = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _reregistering = null; // this registration says the new things already
        Volatile.Write(ref _current, session);
        try
        {
            using var call = new AgentHub.AgentHubClient(channel).Connect(headers, cancellationToken: session.Token);
            var finished = _ledger.Unacknowledged();
            await call.RequestStream.WriteAsync(new AgentMessage { Register = BuildRegister(finished) }, session.Token);
            var (welcome, problem, refused) = await AwaitWelcomeAsync(call.ResponseStream, session.Token);
            if (welcome is null)
            {
                return new SessionEnd(false, problem, refused);
            }

            LogConnected(welcome.HubId, hub.GrpcUrl.ToString(), welcome.HeartbeatIntervalMs, _supervisor.Running().Count);
            _outbox.Connected = true;
            _refusal = null;
            var reason = await RunStreamAsync(call, welcome, finished, session);
            if (_reregistering is { } again)
            {
                _reregistering = null;
                reason = $"registering again: {again}";
            }
            return _refusal is { } refusal ? new SessionEnd(true, refusal, Refused: true) : new SessionEnd(true, reason);
        }
        catch (Exception ex) when (ex is RpcException or OperationCanceledException && !ct.IsCancellationRequested && _reregistering is { } why)
        {
            _reregistering = null;
            return new SessionEnd(_outbox.Connected, $"registering again: {why}");
        }
        catch (RpcException ex) when (!ct.IsCancellationRequested)
        {
            var refused = ex.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied;
            return new SessionEnd(_outbox.Connected, $"{ex.StatusCode}: {ex.Status.Detail}", refused);
        }
        finally
        {
            Volatile.Write(ref _current, null);
            _outbox.Connected = false;
            await session.CancelAsync();
        }
    }

    private Register BuildRegister(IReadOnlyList<Outcome> finished)
    {
        var register = new Register
        {
            Name = _options.Name,
            Host = _machine.Host,
            Slots = _options.Slots,
            Prefetch = _options.Prefetch,
            Cores = _machine.Cores,
            MemoryBytes = _machine.MemoryBytes,
            Gpus = _machine.Gpus,
            Version = _machine.Version,
            AllocationEndsUnixMs = (_options.AllocationEnd - _options.PilotMargin)?.ToUnixTimeMilliseconds() ?? 0,
        };
        register.Labels.AddRange(_options.LabelList());
        register.Running.AddRange(_supervisor.Running());
        register.Finished.AddRange(finished);
        return register;
    }

    private async Task<(Welcome? Welcome, string Problem, bool Refused)> AwaitWelcomeAsync(IAsyncStreamReader<HubMessage> responses, CancellationToken ct)
    {
        using var timeout = new CancellationTokenSource(WelcomeTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            if (!await responses.MoveNext(linked.Token))
            {
                return (null, "the hub closed the stream without answering the registration", false);
            }
        }
        catch (RpcException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return (null, $"the hub did not answer the registration within {WelcomeTimeout.TotalSeconds:0} s", false);
        }

        var first = responses.Current;
        return first.BodyCase switch
        {
            HubMessage.BodyOneofCase.Welcome => (first.Welcome, string.Empty, false),
            HubMessage.BodyOneofCase.Rejected => (null, $"the hub rejected the registration: {first.Rejected.Reason}", first.Rejected.Permanent),
            _ => (null, $"the hub answered the registration with {first.BodyCase} instead of Welcome", false),
        };
    }
}
