namespace Cyclone.Tasks.Builtin;

[CycloneTask("math.Absolute"), TaskPort("input", "number"), TaskPort("result", "number", IsOutput = true)]
public sealed class AbsoluteTask : MathTask
{
    protected override double Compute(TaskContext c) => Math.Abs(c.GetNumber("input"));
}
