namespace Cyclone.Hub.Dwork;

/// <summary>What the hub keeps in memory of one dwork task: its Cyclone task id, name, origin and the names it waits for.</summary>
internal sealed class DworkTask(long id, string name, string origin, IReadOnlyList<string> preds)
{
    public long Id { get; } = id;

    public string Name { get; } = name;

    public string Origin { get; } = origin;

    public IReadOnlyList<string> Preds { get; } = preds;

    /// <summary>Known to have ended (completed by a worker, or found final in the store).</summary>
    public bool Done { get; set; }
}
