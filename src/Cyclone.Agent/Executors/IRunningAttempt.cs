using Cyclone.Protocol.Agent;

namespace Cyclone.Agent.Executors;

/// <summary>One node of one attempt running on this agent, whatever runs it.</summary>
public interface IRunningAttempt
{
    Lease Lease { get; }

    /// <summary>Completes when the attempt has ended and all its output is flushed.</summary>
    Task<AttemptResult> Completion { get; }

    /// <summary>Ends the attempt on the hub's order; it reports STOPPED.</summary>
    void Stop(string reason);

    /// <summary>Ends the attempt because the agent leaves; it reports HANDED_BACK.</summary>
    void HandBack(string reason);
}
