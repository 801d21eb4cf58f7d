using System.Text;
using System.Text.Json;
using Cyclone.Core.Tasks;
using Cyclone.Protocol.Rest;
using Cyclone.Storage.Contract;

namespace Cyclone.Hub.Api;

/// <summary>Turns store records into the API's DTOs.</summary>
public static class DtoMapper
{
    /// <summary>The job as <paramref name="viewer"/> may see it: outputs of tasks are shown to their owner and administrators only.</summary>
    public static JobDto ToDto(this JobRecord job, IReadOnlyList<TaskRecord>? tasks = null, Security.Caller? viewer = null)
    {
        var spec = ReadSpec(job.SpecJson);
        return new JobDto
        {
            Id = job.Id,
            Name = job.Name,
            User = job.User,
            State = job.State.ToWire(),
            Command = spec?.Command ?? [],
            Nodes = spec?.Nodes ?? 1,
            ProcsPerNode = spec?.ProcsPerNode ?? 1,
            Priority = spec?.Priority ?? 0,
            TimeLimit = spec?.TimeLimit,
            SubmittedAt = job.SubmittedAt,
            StartedAt = job.StartedAt,
            EndedAt = job.EndedAt,
            ExitCode = job.ExitCode,
            TaskCount = job.TaskCount,
            Tasks = tasks?.Select(t => t.ToDto(viewer)).ToList(),
            Workflow = job.Workflow,
            WorkflowCommit = job.WorkflowCommit,
        };
    }

    /// <summary>The task as <paramref name="viewer"/> may see it: its outputs only to its owner and administrators.</summary>
    public static TaskDto ToDto(this TaskRecord t, Security.Caller? viewer = null) => new()
    {
        Id = t.Id,
        JobId = t.JobId,
        Index = t.Index,
        State = t.State.ToWire(),
        Attempt = t.Attempt,
        Agents = t.Agents,
        ExitCode = t.ExitCode,
        Reason = t.Reason,
        User = t.User,
        Name = t.Name,
        Priority = t.Priority,
        Outputs = t.Outputs is null || viewer?.Owns(t.User) == false ? null : System.Text.Json.Nodes.JsonNode.Parse(t.Outputs) as System.Text.Json.Nodes.JsonObject,
        SubmittedAt = t.SubmittedAt,
        StartedAt = t.StartedAt,
        EndedAt = t.EndedAt,
    };

    public static OutputChunkDto ToDto(this OutputChunkRecord c) =>
        new(c.Seq, c.TaskId, c.TaskIndex, c.Attempt, c.Rank, c.Stream == 1 ? "stderr" : "stdout", Encoding.UTF8.GetString(c.Data));

    private static JobSpec? ReadSpec(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<JobSpec>(json, ApiJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
