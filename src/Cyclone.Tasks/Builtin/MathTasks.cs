using System.Text.Json.Nodes;

namespace Cyclone.Tasks.Builtin;

/// <summary>A math node: numbers in, <c>result</c> out. Multi inputs are summed (product for Multiply).</summary>
public abstract class MathTask : ICycloneTask
{
    public Task<JsonObject> RunAsync(TaskContext context, CancellationToken cancellationToken)
    {
        var result = Compute(context);
        if (double.IsNaN(result) || double.IsInfinity(result))
        {
            throw new TaskInputException($"{GetType().Name.Replace("Task", "", StringComparison.Ordinal)} has no finite result for these inputs");
        }

        return Task.FromResult(new JsonObject { ["result"] = result });
    }

    protected abstract double Compute(TaskContext c);

    protected static double Sum(TaskContext c, string input) => c.GetNumbers(input).Sum();
}

[CycloneTask("math.Add"), TaskPort("input", "number", Multi = true), TaskPort("result", "number", IsOutput = true)]
public sealed class AddTask : MathTask
{
    protected override double Compute(TaskContext c) => Sum(c, "input");
}

[CycloneTask("math.Multiply"), TaskPort("input", "number", Multi = true), TaskPort("result", "number", IsOutput = true)]
public sealed class MultiplyTask : MathTask
{
    protected override double Compute(TaskContext c) => c.GetNumbers("input").Aggregate(1.0, (a, b) => a * b);
}

[CycloneTask("math.Subtract"), TaskPort("minuend", "number", Multi = true), TaskPort("subtrahend", "number", Multi = true), TaskPort("result", "number", IsOutput = true)]
public sealed class SubtractTask : MathTask
{
    protected override double Compute(TaskContext c) => Sum(c, "minuend") - Sum(c, "subtrahend");
}

[CycloneTask("math.Divide"), TaskPort("dividend", "number", Multi = true), TaskPort("divisor", "number", Multi = true), TaskPort("result", "number", IsOutput = true)]
public sealed class DivideTask : MathTask
{
    protected override double Compute(TaskContext c) =>
        Sum(c, "divisor") is var d && d == 0 ? throw new TaskInputException("division by zero") : Sum(c, "dividend") / d;
}

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

[CycloneTask("math.Power"), TaskPort("base", "number", Multi = true), TaskPort("exponent", "number", Multi = true), TaskPort("result", "number", IsOutput = true)]
public sealed class PowerTask : MathTask
{
    protected override double Compute(TaskContext c) => Math.Pow(Sum(c, "base"), Sum(c, "exponent"));
}

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

[CycloneTask("math.Negate"), TaskPort("input", "number"), TaskPort("result", "number", IsOutput = true)]
public sealed class NegateTask : MathTask
{
    protected override double Compute(TaskContext c) => -c.GetNumber("input");
}

[CycloneTask("math.Absolute"), TaskPort("input", "number"), TaskPort("result", "number", IsOutput = true)]
public sealed class AbsoluteTask : MathTask
{
    protected override double Compute(TaskContext c) => Math.Abs(c.GetNumber("input"));
}
