namespace Cyclone.Hub.Agents;

/// <summary>What a runner (agent) must say about itself to be let in, over REST or on its stream.</summary>
public static class RunnerRegistrationRules
{
    public const int MaxNameLength = 200;

    public const int MaxLabels = 64;

    public const int MaxLabelLength = 100;

    /// <summary>What is wrong with a registration, or null.</summary>
    public static string? Problem(string? name, string? host, int slots, long memoryBytes, int gpus, IReadOnlyCollection<string> labels)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            return $"the agent name must be 1 to {MaxNameLength} characters without control characters";
        }

        if (Scheduling.PullWorkers.IsPull(name))
        {
            return $"the agent name '{name}' starts with '{Scheduling.PullWorkers.Prefix}', which is kept for pull workers";
        }

        if (host is { Length: > 255 })
        {
            return $"agent {name}: the host name is longer than 255 characters";
        }

        if (slots < 1 || slots > 100_000)
        {
            return $"agent {name} must offer 1 to 100000 slots (offered {slots})";
        }

        if (memoryBytes < 0 || gpus < 0)
        {
            return $"agent {name} reported negative memory or GPUs";
        }

        if (labels.Count > MaxLabels || labels.Any(l => string.IsNullOrWhiteSpace(l) || l.Length > MaxLabelLength))
        {
            return $"agent {name}: at most {MaxLabels} labels of 1 to {MaxLabelLength} characters each";
        }

        if (labels.FirstOrDefault(Dwork.DworkJobs.IsReservedLabel) is { } reserved)
        {
            return $"agent {name}: the label '{reserved}' starts with '{Dwork.DworkJobs.ReservedLabelPrefix}', which is kept for dwork workers";
        }

        return null;
    }
}
