namespace Cyclone.Tasks.Builtin;

[CycloneTask("math.Add"), TaskPort("input", "number", Multi = true), TaskPort("result", "number", IsOutput = true)]
public sealed class AddTask : MathTask
{
    protected override double Compute(TaskContext c) => Sum(c, "input");
}
