using Cyclone.Protocol.Agent;

namespace Cyclone.Agent.Executors;

/// <summary>
/// Why an attempt is to be killed: the first of a stop order, a hand-back or its time limit wins, and later ones change
/// nothing. Shared by the executors whose attempts run outside the agent's process.
/// </summary>
internal sealed class KillOrder
{
    private readonly TaskCompletionSource _requested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _claimed;

    /// <summary>Completes once a kill is asked for.</summary>
    public Task Requested => _requested.Task;

    public bool IsRequested => _requested.Task.IsCompleted;

    /// <summary>How the attempt ends when killed; valid once <see cref="IsRequested"/>.</summary>
    public OutcomeKind Kind { get; private set; }

    /// <summary>Why it was killed; valid once <see cref="IsRequested"/>.</summary>
    public string Message { get; private set; } = string.Empty;

    /// <summary>The message of a hub's stop order given <paramref name="reason"/>.</summary>
    public static string StoppedByHub(string reason) =>
        string.IsNullOrEmpty(reason) ? "stopped by the hub" : $"stopped by the hub: {reason}";

    /// <summary>Asks for the kill, unless one was asked for before.</summary>
    public void Request(OutcomeKind kind, string message)
    {
        if (Interlocked.Exchange(ref _claimed, 1) == 0)
        {
            Kind = kind;
            Message = message;
            _requested.TrySetResult();
        }
    }
}
