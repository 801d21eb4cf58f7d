namespace Cyclone.Storage.Contract;

/// <summary>The column a job list is ordered by; ties are always broken by id in the same direction, so paging is stable.</summary>
public enum JobSort
{
    /// <summary>The job id (the order of submission).</summary>
    Id,

    /// <summary>The job name (ordinal in SQLite, the database collation in PostgreSQL).</summary>
    Name,

    /// <summary>The submitting user.</summary>
    User,

    /// <summary>The job state (pending, running, ... in the order of <c>TaskState</c>).</summary>
    State,

    /// <summary>When the job was submitted.</summary>
    Submitted,

    /// <summary>When the first task started; jobs not started yet count as later than every started one.</summary>
    Started,

    /// <summary>When the job ended; jobs not ended yet count as later than every ended one.</summary>
    Ended,
}
