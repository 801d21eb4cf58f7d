using System.Runtime.CompilerServices;
using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;

namespace Cyclone.Hub.Scheduling;

/// <summary>An operator's request to the scheduler loop (drain, resume, retry, a read of its state); <see cref="Done"/> completes once it is durable.</summary>
internal abstract record OperatorCommand : SchedulerCommand
{
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>Stop leasing new tasks to an agent (its running tasks finish); <see cref="Found"/> tells whether it is connected.</summary>
internal sealed record DrainAgentCommand(string Agent) : OperatorCommand
{
    public StrongBox<bool> Found { get; } = new();
}

/// <summary>Lease tasks to a drained agent again; <see cref="Problem"/> says why not, null when it was resumed.</summary>
internal sealed record ResumeAgentCommand(string Agent) : OperatorCommand
{
    public StrongBox<string?> Problem { get; } = new();
}

/// <summary>Put a job's unsuccessful tasks back in the queue as new attempts; <see cref="Known"/>: states of upstream tasks outside them.</summary>
internal sealed record RetryTasksCommand(IReadOnlyList<RequeuedTask> Tasks, IReadOnlyDictionary<long, TaskState> Known) : OperatorCommand
{
    public StrongBox<int> Requeued { get; } = new();
}

/// <summary>Reads what the loop holds for the API: the running parts of an agent, or the queue grouped by resource class.</summary>
internal sealed record ReadStateCommand(Action<SchedulerState> Read) : OperatorCommand;
