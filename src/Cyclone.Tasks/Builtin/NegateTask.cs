namespace Cyclone.Tasks.Builtin;

[CycloneTask("math.Negate"), TaskPort("input", "number"), TaskPort("result", "number", IsOutput = true)]
public sealed class NegateTask : MathTask
{
    protected override double Compute(TaskContext c) => -c.GetNumber("input");
}
