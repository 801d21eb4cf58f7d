using System.CommandLine;
using Cyclone.Cli.Commands;

namespace Cyclone.Cli;

/// <summary>Builds the <c>cyclone</c> command tree and runs it.</summary>
public static class CycloneCommandLine
{
    /// <summary>Usage errors (unknown option, missing argument) exit with this code.</summary>
    public const int UsageError = 2;

    /// <summary>The root command with every subcommand.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("Cyclone: run commands on a cluster of agents through a hub (Slurm-like).")
        {
            UpCommand.Create(),
            HubCommand.Create(),
            AgentCommand.Create(),
            RunCommand.Create(),
            InfoCommand.Create(),
            QueueCommand.Create(),
            KillCommand.Create(),
            RetryCommand.Create(),
            AgentStateCommands.Drain(),
            AgentStateCommands.Resume(),
            LogsCommand.Create(),
            Commands.Pull.StealCommand.Create(),
            Commands.Pull.TaskReportCommands.Complete(),
            Commands.Pull.TaskReportCommands.Fail(),
            Commands.Pull.TaskReportCommands.Release(),
            Commands.Workflows.WorkflowCommand.Create(),
            SubmitCommand.Create(),
            EventCommand.Create(),
            TimerCommand.Create(),
            OperationsCommands.Status(),
            OperationsCommands.Runners(),
            OperationsCommands.Admin(),
            Commands.Access.LoginCommand.Login(),
            Commands.Access.LoginCommand.Logout(),
            Commands.Access.LoginCommand.WhoAmI(),
            Commands.Access.UserCommand.Create(),
            Commands.Access.TokenCommand.Create(),
            Commands.Access.AuditCommand.Create(),
            SlurmCommand.Create(),
            TaskExecCommand.Create(),
        };
        return root;
    }

    /// <summary>Parses <paramref name="args"/> and runs the chosen command; answers the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var parse = Build().Parse(RunArguments.MarkCommandStart(args), new ParserConfiguration { ResponseFileTokenReplacer = null });

        // Ctrl-C and SIGTERM are handled by each command (Signals/ShutdownSignal), so shutdown is never cut short.
        var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null };
        var code = await parse.InvokeAsync(invocation, CancellationToken.None);
        return parse.Errors.Count > 0 ? UsageError : code;
    }
}
