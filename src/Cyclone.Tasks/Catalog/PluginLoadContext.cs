using System.Reflection;
using System.Runtime.Loader;

namespace Cyclone.Tasks.Catalog;

/// <summary>
/// An isolated load context for one plugin assembly: its own dependencies (found next to it, through its
/// <c>.deps.json</c> when it has one) load here, so that two plugins may use different versions of a library; an
/// assembly the host already has (Cyclone.Tasks, Cyclone.Core, the framework) comes from the host, so that the task
/// and generator interfaces are the host's own.
/// </summary>
public sealed class PluginLoadContext(string pluginPath) : AssemblyLoadContext($"plugin:{Path.GetFileName(pluginPath)}", isCollectible: false)
{
    private readonly AssemblyDependencyResolver _resolver = new(pluginPath);

    /// <summary>The simple names of the assemblies the host resolves itself (its trusted platform assemblies).</summary>
    internal static readonly Lazy<HashSet<string>> HostAssemblyNames = new(() =>
        ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .ToHashSet(StringComparer.OrdinalIgnoreCase));

    /// <summary>Loads <paramref name="pluginPath"/> into a new context of its own.</summary>
    public static Assembly LoadPlugin(string pluginPath) =>
        new PluginLoadContext(Path.GetFullPath(pluginPath)).LoadFromAssemblyPath(Path.GetFullPath(pluginPath));

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is { } name && (HostAssemblyNames.Value.Contains(name) || IsLoadedByHost(name)))
        {
            return null; // the host's copy
        }

        return _resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
        _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;

    private static bool IsLoadedByHost(string name) =>
        Default.Assemblies.Any(a => string.Equals(a.GetName().Name, name, StringComparison.OrdinalIgnoreCase));
}
