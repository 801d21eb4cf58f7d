using System.CommandLine;
using Cyclone.Cli.Common;
using Cyclone.Client;

namespace Cyclone.Cli.Commands;

/// <summary>
/// <c>cyclone drain AGENT...</c> and <c>cyclone resume AGENT...</c>, as Slurm's <c>scontrol update nodename=N state=drain|resume</c>:
/// a drained agent gets no new tasks while its running ones finish. Administrators only; exit 1 if any agent could not be changed.
/// </summary>
public static class AgentStateCommands
{
    public static Command Drain() => Create(
        "drain", "Lease no new tasks to agents; their running tasks finish (administrators).", (c, name, ct) => c.DrainAgentAsync(name, ct));

    public static Command Resume() => Create(
        "resume", "Lease tasks to drained agents again (administrators).", (c, name, ct) => c.ResumeAgentAsync(name, ct));

    private static Command Create(string verb, string description, Func<CycloneClient, string, CancellationToken, Task<Protocol.Rest.CountDto>> act)
    {
        var hub = HubOption.Create();
        var agents = new Argument<string[]>("agent") { Description = "Names of the agents", Arity = ArgumentArity.OneOrMore };
        var command = new Command(verb, description) { hub, agents };
        command.SetAction(ClientAction.Create(hub, async (r, client, ct) =>
        {
            var failed = false;
            foreach (var name in r.GetValue(agents) ?? [])
            {
                try
                {
                    Console.Out.WriteLine((await act(client, name, ct)).Message);
                }
                catch (CycloneApiException ex)
                {
                    ClientAction.Fail(ex.Message);
                    failed = true;
                }
            }

            return failed ? 1 : 0;
        }));
        return command;
    }
}
