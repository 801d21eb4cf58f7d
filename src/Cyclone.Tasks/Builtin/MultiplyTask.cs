namespace Cyclone.Tasks.Builtin;

[CycloneTask("math.Multiply"), TaskPort("input", "number", Multi = true), TaskPort("result", "number", IsOutput = true)]
public sealed class MultiplyTask : MathTask
{
    protected override double Compute(TaskContext c) => c.GetNumbers("input").Aggregate(1.0, (a, b) => a * b);
}
