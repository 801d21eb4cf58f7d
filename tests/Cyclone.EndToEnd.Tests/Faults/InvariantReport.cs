namespace Cyclone.EndToEnd.Tests.Faults;

/// <summary>What the invariant checker found: the counts of the summary table and every violation, described.</summary>
internal sealed class InvariantReport
{
    public int Tasks { get; set; }

    public int Attempts { get; set; }

    public int Redispatches { get; set; }

    public int Lost { get; set; }

    public int Duplicated { get; set; }

    public int ExecutedRecords { get; set; }

    public int MaxConcurrentSlotsOverSlots { get; set; }

    public List<string> Violations { get; } = [];

    public void Violate(string what)
    {
        if (Violations.Count < 50)
        {
            Violations.Add(what);
        }
        else if (Violations.Count == 50)
        {
            Violations.Add("... (more)");
        }
    }
}
