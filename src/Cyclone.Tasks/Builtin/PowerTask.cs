namespace Cyclone.Tasks.Builtin;

[CycloneTask("math.Power"), TaskPort("base", "number", Multi = true), TaskPort("exponent", "number", Multi = true), TaskPort("result", "number", IsOutput = true)]
public sealed class PowerTask : MathTask
{
    protected override double Compute(TaskContext c) => Math.Pow(Sum(c, "base"), Sum(c, "exponent"));
}
