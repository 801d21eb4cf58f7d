namespace Cyclone.Tasks;

/// <summary>Declares an input (<see cref="IsOutput"/> false) or output of a task class, with its value type.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class TaskPortAttribute(string name, string type) : Attribute
{
    public string Name { get; } = name;

    public string Type { get; } = type;

    public bool IsOutput { get; init; }

    /// <summary>An input that accepts several edges and receives a list.</summary>
    public bool Multi { get; init; }
}
