using System.Reflection;
using System.Runtime.Loader;

namespace Cyclone.Tasks.Catalog;

/// <summary>
/// Loads typed task plugins: every <c>*.dll</c> of a directory, each into an isolated load context of its own
/// (<see cref="PluginLoadContext"/>: its private dependencies next to it load there too), on top of the built-ins.
/// A file that is not a .NET assembly, does not load or declares an unusable or duplicate kind is skipped with a
/// warning; the others still count. A copy of an assembly the host already has (such as <c>Cyclone.Tasks.dll</c>
/// next to a plugin) is not loaded again: the host's is used. A file is loaded once per process.
/// </summary>
public static class TaskPluginLoader
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Assembly>> Loaded = new(StringComparer.Ordinal);

    /// <summary>The built-ins plus the task classes of every assembly in <paramref name="directory"/>, in file name order.</summary>
    public static PluginLoadResult LoadDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var catalog = TaskCatalog.Builtin;
        var warnings = new List<string>();
        if (!Directory.Exists(directory))
        {
            warnings.Add($"{directory}: the plugin directory does not exist");
            return new PluginLoadResult(catalog, warnings);
        }

        // Load every file first, so that a plugin's types can use assemblies that sort after it.
        var plugins = new List<(string File, Assembly Assembly)>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.dll").Select(Path.GetFullPath).Order(StringComparer.Ordinal))
        {
            try
            {
                if (Load(file) is { } assembly)
                {
                    plugins.Add((file, assembly));
                }
            }
            catch (BadImageFormatException ex)
            {
                warnings.Add($"{file}: not a .NET assembly ({ex.Message})");
            }
            catch (Exception ex)
            {
                warnings.Add($"{file}: could not be loaded: {ex.Message}");
            }
        }

        foreach (var (file, assembly) in plugins)
        {
            try
            {
                catalog = catalog.WithAssembly(assembly);
            }
            catch (ReflectionTypeLoadException ex)
            {
                var cause = ex.LoaderExceptions.FirstOrDefault(e => e is not null)?.Message ?? ex.Message;
                warnings.Add($"{file}: its types could not be loaded: {cause}");
            }
            catch (Exception ex)
            {
                warnings.Add($"{file}: {ex.Message}");
            }
        }

        return new PluginLoadResult(catalog, warnings);
    }

    /// <summary>The plugin assembly of <paramref name="file"/>, or null when it is one of the host's own.</summary>
    private static Assembly? Load(string file)
    {
        var name = AssemblyName.GetAssemblyName(file).Name;
        if (name is null || PluginLoadContext.HostAssemblyNames.Value.Contains(name)
            || AssemblyLoadContext.Default.Assemblies.Any(a => string.Equals(a.GetName().Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        return Loaded.GetOrAdd(file, f => new Lazy<Assembly>(() => PluginLoadContext.LoadPlugin(f))).Value;
    }
}
