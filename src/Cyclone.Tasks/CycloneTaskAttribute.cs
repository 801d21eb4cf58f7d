namespace Cyclone.Tasks;

/// <summary>Names the node kind a task class runs, e.g. <c>math.Power</c> (a Nodeworks path joined with dots).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CycloneTaskAttribute(string kind) : Attribute
{
    public string Kind { get; } = kind;
}
