namespace Cyclone.Tasks;

/// <summary>
/// Declares an output of an <see cref="ICycloneTask"/> class: its name and value type (one of
/// <see cref="Core.Workflows.ValueTypes"/>' names; null when undeclared).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class TaskOutputAttribute(string name, string? type = null) : Attribute
{
    public string Name { get; } = name;

    public string? Type { get; } = type;
}
