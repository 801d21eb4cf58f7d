using Cyclone.Agent.Hosting;
using Cyclone.Protocol.Agent;
using Microsoft.Extensions.Logging;

namespace Cyclone.Agent.Hub;

/// <summary>
/// Keeps the agent connected: finds a hub through <c>/healthz</c> (the configured URLs in turn), runs a
/// stream to it, and after any failure or end tries again with exponential backoff, until the agent
/// leaves (the outbox is complete) or <see cref="RunAsync"/> is cancelled.
/// </summary>
public sealed partial class HubLink : IDisposable
{
    private readonly IReadOnlyList<Uri> _hubs;
    private readonly HubLocator _locator;
    private readonly AgentOptions _options;
    private readonly MachineInfo _machine;
    private readonly HubSession _session;
    private readonly Outbox _outbox;
    private readonly TimeProvider _time;
    private readonly ILogger<HubLink> _logger;
    private readonly Backoff _backoff;
    private int _next;

    public HubLink(AgentOptions options, MachineInfo machine, HubSession session, Outbox outbox, TimeProvider time, ILogger<HubLink> logger)
    {
        _options = options;
        _machine = machine;
        _locator = new HubLocator(options.Token ?? "", options.CaFile);
        _hubs = options.HubUrls();
        _session = session;
        _outbox = outbox;
        _time = time;
        _logger = logger;
        _backoff = new Backoff(options.ReconnectMaxDelay);
    }

    /// <summary>What to do when the hub refuses the agent for good (its token is not valid); the host stops the agent.</summary>
    public Action<string>? Refused { get; set; }

    /// <summary>Tells the hub (now, and on every later stream) that the agent leaves.</summary>
    public void Leave(bool handBack)
    {
        var leaving = new Leaving { HandBack = handBack };
        _session.Leaving = leaving;
        _outbox.PostIfConnected(new AgentMessage { Leaving = leaving });
    }

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested && !_outbox.IsCompleted)
        {
            var (hub, refusal) = await LocateAsync(ct);
            if (refusal is not null)
            {
                LogRefused(refusal);
                Refused?.Invoke(refusal);
                return;
            }

            if (hub is null)
            {
                continue;
            }

            var end = await _session.RunAsync(hub, ct);
            if (end.Refused)
            {
                LogRefused(end.Reason);
                Refused?.Invoke(end.Reason);
                return;
            }

            if (_outbox.IsCompleted || ct.IsCancellationRequested)
            {
                LogDisconnected(end.Reason);
                return;
            }

            if (end.Welcomed)
            {
                _backoff.Reset();
            }

            var delay = _backoff.Next();
            LogStreamEnded(hub.GrpcUrl.ToString(), end.Reason, Math.Round(delay.TotalSeconds, 1));
            await Task.Delay(delay, _time, ct);
        }
    }

    public void Dispose() => _locator.Dispose();

    /// <summary>Tries each hub URL once, starting with the last that answered; after a full round of failures waits.</summary>
    private async Task<(HubEndpoint? Hub, string? Refusal)> LocateAsync(CancellationToken ct)
    {
        var problems = new List<string>();
        var registration = new Cyclone.Protocol.Rest.RunnerRegisterRequest
        {
            Name = _options.Name, Host = _machine.Host, Slots = _options.Slots, Cores = _machine.Cores,
            MemoryBytes = _machine.MemoryBytes, Gpus = _machine.Gpus, Labels = _options.LabelList(), Version = _machine.Version,
        };
        for (var i = 0; i < _hubs.Count; i++)
        {
            var index = (_next + i) % _hubs.Count;
            var (hub, problem, refused) = await _locator.LocateAsync(_hubs[index], registration, ct);
            if (refused)
            {
                return (null, problem);
            }

            if (hub is not null)
            {
                _next = index;
                return (hub, null);
            }

            problems.Add($"hub {_hubs[index].ToString().TrimEnd('/')} not reachable ({problem})");
        }

        var delay = _backoff.Next();
        LogUnreachable(string.Join("; ", problems), Math.Round(delay.TotalSeconds, 1));
        await Task.Delay(delay, _time, ct);
        return (null, null);
    }

    [LoggerMessage(30, LogLevel.Warning, "{Problems}; retrying in {Seconds} s")]
    private partial void LogUnreachable(string problems, double seconds);

    [LoggerMessage(31, LogLevel.Warning, "Stream to hub {Grpc} ended: {Reason}; reconnecting in {Seconds} s")]
    private partial void LogStreamEnded(string grpc, string reason, double seconds);

    [LoggerMessage(33, LogLevel.Error, "The hub refuses this agent: {Reason}. Stopping: its running work is stopped (the hub gives it to other agents).")]
    private partial void LogRefused(string reason);

    [LoggerMessage(32, LogLevel.Information, "Disconnected from the hub: {Reason}")]
    private partial void LogDisconnected(string reason);
}
