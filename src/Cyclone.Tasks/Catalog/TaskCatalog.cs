using System.Reflection;
using Cyclone.Core.Workflows;
using Cyclone.Tasks.Builtin;

namespace Cyclone.Tasks.Catalog;

/// <summary>The typed task classes known by kind: the built-ins, plus classes found in plugin assemblies.</summary>
public sealed class TaskCatalog : INodeKindCatalog
{
    private readonly Dictionary<string, (NodeKindInfo Info, Type Type)> _kinds;

    private TaskCatalog(Dictionary<string, (NodeKindInfo, Type)> kinds)
    {
        _kinds = kinds;
    }

    /// <summary>The built-in math and types tasks.</summary>
    public static TaskCatalog Builtin { get; } = new TaskCatalog(new(StringComparer.Ordinal)).WithAssembly(typeof(MathTask).Assembly);

    public IReadOnlyCollection<NodeKindInfo> Kinds => _kinds.Values.Select(k => k.Info).ToList();

    public NodeKindInfo? Find(string kind) => _kinds.TryGetValue(kind, out var k) ? k.Info : null;

    /// <summary>A new instance of the class that runs <paramref name="kind"/>, or null when unknown.</summary>
    public ICycloneTask? Create(string kind) =>
        _kinds.TryGetValue(kind, out var k) ? (ICycloneTask)Activator.CreateInstance(k.Type)! : null;

    /// <summary>This catalog plus every public task class of <paramref name="assembly"/>; a kind defined twice is an error.</summary>
    public TaskCatalog WithAssembly(Assembly assembly)
    {
        var kinds = new Dictionary<string, (NodeKindInfo, Type)>(_kinds, StringComparer.Ordinal);
        foreach (var type in assembly.GetExportedTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICycloneTask).IsAssignableFrom(t)))
        {
            if (type.GetCustomAttribute<CycloneTaskAttribute>() is not { } attribute)
            {
                continue;
            }

            if (kinds.TryGetValue(attribute.Kind, out var existing))
            {
                throw new InvalidOperationException($"task kind '{attribute.Kind}' is defined by both {existing.Item2.FullName} and {type.FullName}");
            }

            var ports = type.GetCustomAttributes<TaskPortAttribute>().ToList();
            var info = new NodeKindInfo(
                attribute.Kind,
                ports.Where(p => !p.IsOutput).Select(p => new WorkflowPort(p.Name, p.Type, p.Multi)).ToList(),
                ports.Where(p => p.IsOutput).Select(p => new WorkflowPort(p.Name, p.Type)).ToList(),
                TaskClass: $"{type.FullName}, {type.Assembly.GetName().Name}");
            kinds[attribute.Kind] = (info, type);
        }

        return new TaskCatalog(kinds);
    }

    /// <summary>The built-ins plus the task classes of every assembly in <paramref name="directory"/>; files that fail to load are reported.</summary>
    public static (TaskCatalog Catalog, IReadOnlyList<string> Warnings) LoadDirectory(string directory)
    {
        var catalog = Builtin;
        var warnings = new List<string>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.dll").Order(StringComparer.Ordinal))
        {
            try
            {
                catalog = catalog.WithAssembly(System.Runtime.Loader.AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.GetFullPath(file)));
            }
            catch (Exception ex) when (ex is BadImageFormatException or FileLoadException or InvalidOperationException or ReflectionTypeLoadException)
            {
                warnings.Add($"{file}: {ex.Message}");
            }
        }

        return (catalog, warnings);
    }
}
