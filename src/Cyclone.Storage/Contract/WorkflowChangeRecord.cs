namespace Cyclone.Storage.Contract;

/// <summary>
/// One commit of the workflow repository as the store keeps it, so that every hub of a shared store can rebuild the same
/// repository: a publish (with the workflow file) or a delete, with the exact commit text, author and time, and the commit id
/// it made. <see cref="Seq"/> is given by the store and orders the changes.
/// </summary>
/// <param name="Seq">The store's order of changes (0 before it is stored).</param>
/// <param name="Name">The workflow the change is about.</param>
/// <param name="Action"><c>publish</c> or <c>delete</c>.</param>
/// <param name="Format"><c>native</c> or <c>nodeworks</c> for a publish; empty for a delete.</param>
/// <param name="Content">The workflow file of a publish; empty for a delete.</param>
/// <param name="Author">Who made the change.</param>
/// <param name="Message">The whole commit message.</param>
/// <param name="At">When, to the millisecond (the commit keeps whole seconds).</param>
/// <param name="Commit">The commit id the change made.</param>
public sealed record WorkflowChangeRecord(
    long Seq, string Name, string Action, string Format, byte[] Content, string Author, string Message, DateTimeOffset At, string Commit);
