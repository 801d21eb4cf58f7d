using Cyclone.Protocol.Rest;

namespace Cyclone.Client;

public sealed partial class CycloneClient
{
    /// <summary>Stops leasing new tasks to an agent; its running tasks finish (administrators).</summary>
    public Task<CountDto> DrainAgentAsync(string name, CancellationToken ct) =>
        SendAsync<CountDto>(HttpMethod.Post, $"api/v1/agents/{Uri.EscapeDataString(name)}/drain", null, NoSuchAgent(name), ct);

    /// <summary>Leases tasks to a drained agent again (administrators).</summary>
    public Task<CountDto> ResumeAgentAsync(string name, CancellationToken ct) =>
        SendAsync<CountDto>(HttpMethod.Post, $"api/v1/agents/{Uri.EscapeDataString(name)}/resume", null, NoSuchAgent(name), ct);

    /// <summary>The tasks an agent holds now.</summary>
    public Task<List<AgentTaskDto>> AgentTasksAsync(string name, CancellationToken ct) =>
        SendAsync<List<AgentTaskDto>>(HttpMethod.Get, $"api/v1/agents/{Uri.EscapeDataString(name)}/tasks", null, NoSuchAgent(name), ct);

    /// <summary>An agent's busy slots over the last minutes.</summary>
    public Task<AgentLoadDto> AgentLoadAsync(string name, CancellationToken ct) =>
        SendAsync<AgentLoadDto>(HttpMethod.Get, $"api/v1/agents/{Uri.EscapeDataString(name)}/load", null, NoSuchAgent(name), ct);

    /// <summary>Waiting tasks grouped by resource class, deepest first.</summary>
    public Task<List<QueueClassDto>> QueueClassesAsync(CancellationToken ct) =>
        SendAsync<List<QueueClassDto>>(HttpMethod.Get, "api/v1/queue/classes", null, null, ct);

    /// <summary>Puts an ended job's unsuccessful tasks back in the queue as new attempts; answers the job afterwards.</summary>
    public Task<JobDto> RetryJobAsync(long jobId, CancellationToken ct) =>
        SendAsync<JobDto>(HttpMethod.Post, $"api/v1/jobs/{jobId}/retry", null, NoSuchJob(jobId), ct);

    private static string NoSuchAgent(string name) => $"no agent named '{name}' is connected";
}
