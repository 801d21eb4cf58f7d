namespace Cyclone.Agent.Hosting;

public sealed partial class AgentOptions
{
    /// <summary>Largest accepted <see cref="OutputBatchBytes"/>: well under the hub's message size limit.</summary>
    public const int MaxOutputBatchBytes = 8 * 1024 * 1024;

    /// <summary>Checks every setting; returns what is wrong (naming the setting), or nothing.</summary>
    public IEnumerable<string> Problems()
    {
        if (!string.IsNullOrEmpty(PluginDirectory) && !Directory.Exists(PluginDirectory))
        {
            yield return $"Agent:PluginDirectory '{PluginDirectory}' is not a directory";
        }

        if (!string.IsNullOrEmpty(TokenFile) && !File.Exists(TokenFile))
        {
            yield return $"Agent:TokenFile '{TokenFile}' does not exist";
        }

        if (!string.IsNullOrEmpty(CaFile) && !File.Exists(CaFile))
        {
            yield return $"Agent:CaFile '{CaFile}' does not exist";
        }

        var urls = SplitList(HubUrl).ToList();
        if (urls.Count == 0)
        {
            yield return "Agent:HubUrl is empty; give the hub's REST address, for example http://127.0.0.1:5080";
        }

        foreach (var url in urls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                yield return $"Agent:HubUrl entry '{url}' is not an absolute http:// or https:// URL";
            }
        }

        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 200)
        {
            yield return $"Agent:Name must be 1 to 200 characters (is '{Name}')";
        }

        if (Slots < 1)
        {
            yield return $"Agent:Slots must be at least 1 (is {Slots})";
        }

        foreach (var label in LabelList())
        {
            if (label.Any(char.IsWhiteSpace))
            {
                yield return $"Agent:Labels entry '{label}' contains white space";
            }
        }

        if (KillGrace < TimeSpan.Zero)
        {
            yield return $"Agent:KillGrace must not be negative (is {KillGrace})";
        }

        if (ShutdownGrace < TimeSpan.Zero)
        {
            yield return $"Agent:ShutdownGrace must not be negative (is {ShutdownGrace})";
        }

        if (OutputFlushInterval <= TimeSpan.Zero)
        {
            yield return $"Agent:OutputFlushInterval must be positive (is {OutputFlushInterval})";
        }

        if (OutputBatchBytes < 1024 || OutputBatchBytes > MaxOutputBatchBytes)
        {
            yield return $"Agent:OutputBatchBytes must be between 1024 and {MaxOutputBatchBytes} (is {OutputBatchBytes})";
        }

        if (OutputBufferBytes < OutputBatchBytes)
        {
            yield return $"Agent:OutputBufferBytes ({OutputBufferBytes}) must be at least Agent:OutputBatchBytes ({OutputBatchBytes})";
        }

        if (ReconnectMaxDelay < TimeSpan.FromSeconds(1))
        {
            yield return $"Agent:ReconnectMaxDelay must be at least 1 s (is {ReconnectMaxDelay})";
        }
    }
}
