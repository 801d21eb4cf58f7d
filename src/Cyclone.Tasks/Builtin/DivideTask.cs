namespace Cyclone.Tasks.Builtin;

[CycloneTask("math.Divide"), TaskPort("dividend", "number", Multi = true), TaskPort("divisor", "number", Multi = true), TaskPort("result", "number", IsOutput = true)]
public sealed class DivideTask : MathTask
{
    protected override double Compute(TaskContext c) =>
        Sum(c, "divisor") is var d && d == 0 ? throw new TaskInputException("division by zero") : Sum(c, "dividend") / d;
}
