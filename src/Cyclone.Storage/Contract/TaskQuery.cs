using Cyclone.Core.Tasks;

namespace Cyclone.Storage.Contract;

/// <summary>Which tasks to list: any of <see cref="States"/> (all when empty), of <see cref="User"/> and <see cref="JobId"/>, one page.</summary>
public sealed record TaskQuery(IReadOnlyList<TaskState> States, string? User, long? JobId, int Offset = 0, int Limit = 100);
