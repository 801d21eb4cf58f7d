namespace Cyclone.Tasks.Builtin.Lustre;

/// <summary>
/// One MDT or OST line of <c>lfs df</c>: its kind (<c>MDT</c> or <c>OST</c>), index and UUID; its figures, or
/// null when lfs printed a status instead (<c>inactive device</c>, or the error of a target that did not answer);
/// and the state letters lfs appends (<c>D</c>egraded, <c>R</c>ead-only, ...), empty when none.
/// </summary>
public sealed record LfsTarget(string Kind, int Index, string Uuid, LfsUsage? Usage, string? Status = null, string State = "")
{
    public bool IsOst => Kind == "OST";

    /// <summary>Whether lfs printed figures for it (it answered and is active).</summary>
    public bool IsActive => Usage is not null;
}
