namespace Cyclone.Tasks;

/// <summary>
/// Names the node kind an <see cref="ICycloneTask"/> class runs, e.g. <c>math.Power</c> (a Nodeworks path
/// joined with dots). Its ports are declared with <see cref="TaskInputAttribute"/> and <see cref="TaskOutputAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CycloneTaskAttribute(string kind) : Attribute
{
    /// <summary>The node kind, e.g. <c>math.Power</c>.</summary>
    public string Kind { get; } = kind;
}
