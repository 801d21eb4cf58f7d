using System.Collections.Frozen;
using System.Reflection;
using Cyclone.Core.Workflows;

namespace Cyclone.Tasks.Catalog;

/// <summary>
/// The typed task classes known by kind: the built-in math and types tasks (<see cref="Builtin"/>), plus the
/// classes of assemblies added with <see cref="WithAssembly"/> or found by <see cref="TaskPluginLoader"/>.
/// A catalog never changes; adding an assembly returns a new one.
/// </summary>
public sealed class TaskCatalog : INodeKindCatalog
{
    private readonly FrozenDictionary<string, Entry> _entries;
    private readonly FrozenSet<Assembly> _assemblies;

    private TaskCatalog(Dictionary<string, Entry> entries, IEnumerable<Assembly> assemblies)
    {
        _entries = entries.ToFrozenDictionary(StringComparer.Ordinal);
        _assemblies = assemblies.ToFrozenSet();
        Kinds = entries.Values.Select(e => e.Info).OrderBy(k => k.Kind, StringComparer.Ordinal).ToList().AsReadOnly();
    }

    /// <summary>The built-in tasks: <c>math.*</c> and <c>types.*</c>.</summary>
    public static TaskCatalog Builtin { get; } = new TaskCatalog([], []).WithAssembly(typeof(TaskCatalog).Assembly);

    /// <summary>Every kind, ordered by name.</summary>
    public IReadOnlyCollection<NodeKindInfo> Kinds { get; }

    /// <summary>
    /// The kind named <paramref name="kind"/> with its ports, and its <see cref="NodeKindInfo.TaskClass"/>
    /// as <c>Namespace.Type, Assembly</c>; null when unknown.
    /// </summary>
    public NodeKindInfo? Find(string kind) => _entries.GetValueOrDefault(kind)?.Info;

    /// <summary>A new instance of the class that runs <paramref name="kind"/>, or null when the kind is unknown.</summary>
    /// <exception cref="InvalidOperationException">The class's constructor failed.</exception>
    public ICycloneTask? Create(string kind)
    {
        if (!_entries.TryGetValue(kind, out var entry))
        {
            return null;
        }

        try
        {
            return (ICycloneTask)Activator.CreateInstance(entry.Type)!;
        }
        catch (TargetInvocationException ex)
        {
            var cause = ex.InnerException ?? ex;
            throw new InvalidOperationException($"task class {entry.Info.TaskClass} for '{kind}' could not be created: {cause.Message}", cause);
        }
    }

    /// <summary>
    /// This catalog plus every public, non-abstract <see cref="ICycloneTask"/> class of <paramref name="assembly"/>
    /// marked with <see cref="CycloneTaskAttribute"/>. An assembly already in the catalog adds nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// A kind is defined by two classes (the message names both), or a class is unusable (no public
    /// parameterless constructor, an unknown port type, a port declared twice).
    /// </exception>
    public TaskCatalog WithAssembly(Assembly assembly)
    {
        if (_assemblies.Contains(assembly))
        {
            return this;
        }

        var entries = new Dictionary<string, Entry>(_entries, StringComparer.Ordinal);
        foreach (var (info, type) in TaskKindReader.Read(assembly))
        {
            if (entries.TryGetValue(info.Kind, out var existing))
            {
                throw new InvalidOperationException(
                    $"task kind '{info.Kind}' is defined by both {existing.Info.TaskClass} and {info.TaskClass}");
            }

            entries.Add(info.Kind, new Entry(info, type));
        }

        return new TaskCatalog(entries, _assemblies.Append(assembly));
    }

    /// <summary>The same as <see cref="TaskPluginLoader.LoadDirectory"/>.</summary>
    public static PluginLoadResult LoadDirectory(string directory) => TaskPluginLoader.LoadDirectory(directory);

    private sealed record Entry(NodeKindInfo Info, Type Type);
}
