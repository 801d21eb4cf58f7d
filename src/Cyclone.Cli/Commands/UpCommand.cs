using System.CommandLine;
using System.Net;
using Cyclone.Agent;
using Cyclone.Cli.Common;
using Cyclone.Cli.Signals;
using Cyclone.Client;
using Cyclone.Hub;

namespace Cyclone.Cli.Commands;

/// <summary>
/// <c>cyclone up</c>: a hub and one agent in this process, a one-host cluster. On Ctrl-C or SIGTERM the
/// agent stops first (its running tasks go back to the hub), then the hub.
/// </summary>
public static class UpCommand
{
    public static Command Create()
    {
        var hubOptions = new HubHostOptions();
        var agentOptions = new AgentHostOptions();
        var command = new Command("up", "Run a hub and an agent in this process (a one-host cluster) until Ctrl-C or SIGTERM.");
        hubOptions.AddTo(command, withBind: false);
        agentOptions.AddTo(command, withCredentials: false);
        agentOptions.Ca.Description = "PEM file of the CA the agent and the CLI trust for the hub's certificate [default: env CYCLONE_CA, else the --tls-cert certificate when it is self-signed]";
        command.Add(agentOptions.Ca);
        command.SetAction(async (result, ct) =>
        {
            using var signal = ShutdownSignal.Listen(ct);
            var hubOverrides = hubOptions.Overrides(result);
            var slots = result.GetValue(agentOptions.Slots) ?? Environment.ProcessorCount;
            var name = result.GetValue(agentOptions.Name) is { Length: > 0 } given ? given : Dns.GetHostName();
            var ca = LocalClusterAccess.TrustedCaFile(
                result.GetValue(agentOptions.Ca) ?? Environment.GetEnvironmentVariable(HubTrust.CaVariable), HubHostOptions.TlsCertificateOf(hubOverrides));
            return await RunAsync(hubOverrides, uri => agentOptions.Overrides(result, uri.AbsoluteUri, slots), name, slots, ca, signal.Token);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        Dictionary<string, string?> hubOverrides,
        Func<Uri, Dictionary<string, string?>> agentOverrides,
        string agentName,
        int slots,
        string? caFile,
        CancellationToken stop)
    {
        var started = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var hubStop = new CancellationTokenSource();
        var hub = Guard("hub", HubApplication.RunAsync(hubOverrides, uri => started.TrySetResult(uri), hubStop.Token));
        var stopped = Task.Delay(Timeout.Infinite, stop).ContinueWith(_ => 0, TaskScheduler.Default);

        if (await Task.WhenAny(started.Task, hub, stopped) != started.Task)
        {
            await hubStop.CancelAsync();
            var code = await hub;
            return stop.IsCancellationRequested ? 0 : code == 0 ? 1 : code;
        }

        var uri = started.Task.Result;
        string tokenFile;
        try
        {
            tokenFile = await LocalClusterAccess.PrepareAsync(uri, HubHostOptions.DataDirectoryOf(hubOverrides), agentName, caFile, Console.Out, stop);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Cyclone.Client.CycloneApiException or Cyclone.Client.HubUnreachableException or IOException)
        {
            ClientAction.Fail(ex.Message);
            await hubStop.CancelAsync();
            await hub;
            return 1;
        }

        using var agentStop = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var overrides = agentOverrides(uri);
        overrides["Agent:TokenFile"] = tokenFile;
        if (caFile is not null)
        {
            overrides["Agent:CaFile"] = caFile;
        }

        var agent = Guard("agent", AgentApplication.RunAsync(overrides, agentStop.Token));
        var rest = uri.AbsoluteUri.TrimEnd('/');
        Console.Out.WriteLine(
            $"Cyclone is up: hub {rest} (data in {HubHostOptions.DataDirectoryOf(hubOverrides)}), agent {agentName} with {slots} slots. "
            + $"Submit with: cyclone run{(rest == HubOption.DefaultUrl ? "" : $" --hub {rest}")} -- hostname");
        if (new Cyclone.Client.CredentialStore().Resolve(uri).Token is { } signIn)
        {
            // the link carries the CLI's own token in its fragment (never sent to a server); the dashboard stores it and drops it from the address
            Console.Out.WriteLine($"Dashboard: {rest}/#token={Uri.EscapeDataString(signIn)} (signs you in as the CLI's user; keep this link to yourself)");
        }

        Console.Out.Flush();

        var first = await Task.WhenAny(agent, hub, stopped);

        // Agent first, so its tasks are handed back while the hub can still record that; then the hub.
        await agentStop.CancelAsync();
        var agentCode = await agent;
        await hubStop.CancelAsync();
        var hubCode = await hub;
        if (first == stopped)
        {
            return 0;
        }

        ClientAction.Fail(first == agent
            ? $"the agent stopped unexpectedly (exit code {agentCode}); stopped the hub too"
            : $"the hub stopped unexpectedly (exit code {hubCode}); stopped the agent too");
        return 1;
    }

    /// <summary>Turns a crash of the hub or agent into a message and exit code 1 instead of an unhandled exception.</summary>
    private static async Task<int> Guard(string what, Task<int> run)
    {
        try
        {
            return await run;
        }
        catch (OperationCanceledException)
        {
            return 0;
        }
        catch (Exception ex)
        {
            ClientAction.Fail($"the {what} failed: {ex.Message}");
            return 1;
        }
    }
}
