using System.Reflection;
using Cyclone.Core.Workflows;

namespace Cyclone.Tasks.Catalog;

/// <summary>Finds the task classes of an assembly and reads each one's kind and declared ports.</summary>
internal static class TaskKindReader
{
    /// <summary>
    /// Every public, non-abstract <see cref="ICycloneTask"/> class of <paramref name="assembly"/> marked with
    /// <see cref="CycloneTaskAttribute"/>. A class whose declaration is unusable (no public parameterless
    /// constructor, an unknown port type, a port declared twice, an empty kind) is an <see cref="InvalidOperationException"/>.
    /// </summary>
    public static IEnumerable<(NodeKindInfo Info, Type Type)> Read(Assembly assembly)
    {
        var types = assembly.GetTypes()
            .Where(t => t is { IsVisible: true, IsClass: true, IsAbstract: false, ContainsGenericParameters: false } && typeof(ICycloneTask).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        foreach (var type in types)
        {
            if (type.GetCustomAttribute<CycloneTaskAttribute>() is { } attribute)
            {
                yield return (Describe(type, attribute.Kind), type);
            }
        }
    }

    /// <summary>How a catalog names a task class: <c>Namespace.Type, Assembly</c>.</summary>
    public static string ClassName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    private static NodeKindInfo Describe(Type type, string kind)
    {
        if (string.IsNullOrWhiteSpace(kind))
        {
            throw Unusable(type, "its kind is empty");
        }

        if (type.GetConstructor(Type.EmptyTypes) is null)
        {
            throw Unusable(type, "it has no public parameterless constructor");
        }

        var inputs = type.GetCustomAttributes<TaskInputAttribute>().Select(p => new WorkflowPort(p.Name, p.Type, p.Multi)).ToList();
        if (type.IsSubclassOf(typeof(CycloneTask)))
        {
            // parameter properties are inputs too, unless an attribute already declares them
            inputs.AddRange(TaskParameterBinder.Parameters(type)
                .Where(p => !inputs.Any(i => i.Name == p.Key))
                .Select(p => new WorkflowPort(p.Key, TaskParameterBinder.PortType(p.Value.PropertyType))));
        }

        var outputs = type.GetCustomAttributes<TaskOutputAttribute>().Select(p => new WorkflowPort(p.Name, p.Type)).ToList();
        foreach (var (ports, side) in new[] { (inputs, "input"), (outputs, "output") })
        {
            if (ports.FirstOrDefault(p => string.IsNullOrWhiteSpace(p.Name)) is not null)
            {
                throw Unusable(type, $"an {side} has no name");
            }

            if (ports.FirstOrDefault(p => !ValueTypes.IsKnown(p.Type)) is { } unknown)
            {
                throw Unusable(type, $"{side} '{unknown.Name}' has type '{unknown.Type}', not one of {string.Join(", ", ValueTypes.All)}");
            }

            if (ports.GroupBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                throw Unusable(type, $"{side} '{twice.Key}' is declared twice");
            }
        }

        return new NodeKindInfo(kind, inputs, outputs, TaskClass: ClassName(type));
    }

    private static InvalidOperationException Unusable(Type type, string why) =>
        new($"task class {ClassName(type)} cannot be used: {why}");
}
