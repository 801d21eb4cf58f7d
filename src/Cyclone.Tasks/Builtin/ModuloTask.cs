namespace Cyclone.Tasks.Builtin;

[CycloneTask("math.Modulo"), TaskPort("dividend", "number", Multi = true), TaskPort("divisor", "number", Multi = true), TaskPort("result", "number", IsOutput = true)]
public sealed class ModuloTask : MathTask
{
    protected override double Compute(TaskContext c)
    {
        var d = Sum(c, "divisor");
        if (d == 0)
        {
            throw new TaskInputException("modulo by zero");
        }

        var r = Sum(c, "dividend") % d;
        return r != 0 && (r < 0) != (d < 0) ? r + d : r; // the sign of the divisor, as Python's %
    }
}
