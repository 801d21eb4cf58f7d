namespace Cyclone.Tasks.Builtin;

[CycloneTask("math.Root"), TaskPort("radicand", "number"), TaskPort("degree", "number"), TaskPort("result", "number", IsOutput = true)]
public sealed class RootTask : MathTask
{
    protected override double Compute(TaskContext c)
    {
        var x = c.GetNumber("radicand");
        var n = c.GetNumber("degree");
        if (n == 0)
        {
            throw new TaskInputException("a root of degree 0 does not exist");
        }

        var odd = Math.Abs(n % 2) == 1;
        return x < 0 && odd ? -Math.Pow(-x, 1 / n) : Math.Pow(x, 1 / n);
    }
}
