namespace Cyclone.Hub.Hosting;

/// <summary>Where the hub keeps its data when not told: <c>$XDG_DATA_HOME/cyclone</c> or <c>~/.local/share/cyclone</c>.</summary>
public static class DataDirectory
{
    public static string Default()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var root = !string.IsNullOrEmpty(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(root, "cyclone");
    }
}
