using System.Text.Json.Nodes;

namespace Cyclone.Tasks.Generators;

/// <summary>
/// One task a generator made: <see cref="Job"/> is a job as <c>POST /api/v1/jobs</c> takes it (<c>command</c> or
/// <c>task</c> with <c>parameters</c>, <c>name</c>, <c>timeLimit</c>, ...); <see cref="Cursor"/> is where the generator
/// stands once it is submitted (a line number, an index, a time: any text up to 4096 characters it can resume from).
/// </summary>
public sealed record GeneratedTask(JsonObject Job, string Cursor);
