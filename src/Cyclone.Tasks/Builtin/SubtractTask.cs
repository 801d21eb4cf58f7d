namespace Cyclone.Tasks.Builtin;

[CycloneTask("math.Subtract"), TaskPort("minuend", "number", Multi = true), TaskPort("subtrahend", "number", Multi = true), TaskPort("result", "number", IsOutput = true)]
public sealed class SubtractTask : MathTask
{
    protected override double Compute(TaskContext c) => Sum(c, "minuend") - Sum(c, "subtrahend");
}
