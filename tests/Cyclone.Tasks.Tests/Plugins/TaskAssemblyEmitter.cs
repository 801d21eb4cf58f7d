using System.Reflection;
using System.Reflection.Emit;
using Cyclone.Core.Workflows;

namespace Cyclone.Tasks.Tests.Plugins;

/// <summary>
/// Makes assemblies other than the test assembly, as plugins are: each holds one task class per kind
/// (<c>Emitted.Task0</c>, <c>Emitted.Task1</c>, ...), deriving from <see cref="EmittedTaskBase"/>.
/// </summary>
internal static class TaskAssemblyEmitter
{
    /// <summary>An assembly made in memory.</summary>
    public static Assembly InMemory(params string[] kinds) => InMemory(kinds, inputType: null);

    /// <summary>An assembly made in memory whose classes declare an input <c>x</c> of <paramref name="inputType"/>.</summary>
    public static Assembly InMemory(string[] kinds, string? inputType)
    {
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName(UniqueName()), AssemblyBuilderAccess.Run);
        Define(assembly.DefineDynamicModule("Emitted"), kinds, inputType);
        return assembly;
    }

    /// <summary>Writes an assembly to <c>{directory}/{name}.dll</c>; its name is returned.</summary>
    public static string Save(string directory, params string[] kinds)
    {
        var name = UniqueName();
        var assembly = new PersistedAssemblyBuilder(new AssemblyName(name), typeof(object).Assembly);
        Define(assembly.DefineDynamicModule(name), kinds, inputType: null);
        assembly.Save(Path.Combine(directory, name + ".dll"));
        return name;
    }

    private static string UniqueName() => $"Emitted.Plugin{Guid.NewGuid():N}";

    private static void Define(ModuleBuilder module, string[] kinds, string? inputType)
    {
        for (var i = 0; i < kinds.Length; i++)
        {
            var type = module.DefineType($"Emitted.Task{i}", TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Class, typeof(EmittedTaskBase));
            type.SetCustomAttribute(Attribute<CycloneTaskAttribute>([typeof(string)], kinds[i]));
            type.SetCustomAttribute(Attribute<TaskOutputAttribute>([typeof(string), typeof(string)], "kind", ValueTypes.String));
            if (inputType is not null)
            {
                type.SetCustomAttribute(Attribute<TaskInputAttribute>([typeof(string), typeof(string)], "x", inputType));
            }

            type.DefineDefaultConstructor(MethodAttributes.Public);
            type.CreateType();
        }
    }

    private static CustomAttributeBuilder Attribute<T>(Type[] parameters, params object[] arguments)
        where T : Attribute =>
        new(typeof(T).GetConstructor(parameters)!, arguments);
}
