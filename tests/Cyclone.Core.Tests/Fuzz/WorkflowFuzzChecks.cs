using Cyclone.Core.Workflows;
using Cyclone.Core.Workflows.Validation;
using Cyclone.Tests.Shared;
using Xunit.Sdk;

namespace Cyclone.Core.Tests.Fuzz;

/// <summary>What every workflow reader and the validator owe any input: problems, never an exception, each problem short.</summary>
internal static class WorkflowFuzzChecks
{
    public delegate WorkflowDefinition? Reader(out IReadOnlyList<WorkflowProblem> problems);

    /// <summary>Reads, then validates what was read without problems; returns the problems of both.</summary>
    public static IReadOnlyList<WorkflowProblem> ReadAndValidate(Reader read, string input)
    {
        WorkflowDefinition? definition;
        IReadOnlyList<WorkflowProblem> problems;
        try
        {
            definition = read(out problems);
        }
        catch (Exception ex)
        {
            throw new XunitException($"reading threw {ex.GetType().Name}: {ex.Message}\ninput: {PropertyFuzz.Shorten(input, 1_500)}", ex);
        }

        AssertShort(problems, input);
        if (definition is null || problems.Count > 0)
        {
            Assert.True(problems.Count > 0, $"no definition and no problem for: {PropertyFuzz.Shorten(input, 1_500)}");
            return problems;
        }

        return Validate(definition, input);
    }

    public static IReadOnlyList<WorkflowProblem> Validate(WorkflowDefinition definition, string input)
    {
        IReadOnlyList<WorkflowProblem> problems;
        try
        {
            problems = WorkflowValidator.Validate(definition, FuzzKinds.Instance, WorkflowLimits.Default);
        }
        catch (Exception ex)
        {
            throw new XunitException($"validating threw {ex.GetType().Name}: {ex.Message}\ninput: {PropertyFuzz.Shorten(input, 1_500)}", ex);
        }

        AssertShort(problems, input);
        return problems;
    }

    private static void AssertShort(IReadOnlyList<WorkflowProblem> problems, string input)
    {
        foreach (var p in problems)
        {
            var context = $"problem at '{PropertyFuzz.Shorten(p.Where)}' for input {PropertyFuzz.Shorten(input, 1_500)}";
            PropertyFuzz.AssertMessage(p.Message, context);
            Assert.True(p.Where is { Length: < PropertyFuzz.MaxMessageLength }, $"{context}: where has {p.Where?.Length} characters");
        }
    }
}
