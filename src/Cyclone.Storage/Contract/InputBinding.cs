namespace Cyclone.Storage.Contract;

/// <summary>Input <see cref="Input"/> of a task takes output <see cref="Output"/> of the task at <see cref="UpstreamIndex"/> in the same job.</summary>
public sealed record InputBinding(string Input, int UpstreamIndex, string Output, bool Multi);
