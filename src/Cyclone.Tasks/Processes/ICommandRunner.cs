namespace Cyclone.Tasks.Processes;

/// <summary>
/// Runs a command and reports how it ended. The real one (<see cref="ProcessCommandRunner"/>) starts a process;
/// a test of one task class may hand that class a runner that answers with recorded output instead.
/// </summary>
public interface ICommandRunner
{
    /// <summary>
    /// Runs <paramref name="request"/> to its end. Cancelling <paramref name="cancellationToken"/> kills the
    /// command's whole process group and ends in an <see cref="OperationCanceledException"/>.
    /// </summary>
    /// <exception cref="TaskFailedException">The program could not be started (not found, not executable).</exception>
    Task<CommandResult> RunAsync(CommandRequest request, CancellationToken cancellationToken);
}
