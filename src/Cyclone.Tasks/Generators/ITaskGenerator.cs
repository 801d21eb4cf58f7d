namespace Cyclone.Tasks.Generators;

/// <summary>
/// A hub-side source of tasks: a class with a public parameterless constructor, named in the hub's configuration
/// (<c>Hub:Generators:NAME</c>: an assembly, a class name and a configuration file). The hub runs
/// <see cref="GenerateAsync"/> once, validates each task it yields as a REST submission is validated, stores it durably,
/// and only then keeps its <see cref="GeneratedTask.Cursor"/>. After a restart the hub calls it again with the last
/// cursor kept (<see cref="GeneratorContext.Cursor"/>): a generator resumes after that point, so that nothing is
/// submitted twice. The stream may end (a file read to its end) or go on (a schedule).
/// </summary>
public interface ITaskGenerator
{
    IAsyncEnumerable<GeneratedTask> GenerateAsync(GeneratorContext context, CancellationToken cancellationToken);
}
