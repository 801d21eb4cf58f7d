namespace Cyclone.Core.Parsing;

/// <summary>A job array as Slurm writes it: the element indices and how many may run at once (<c>%N</c>).</summary>
public sealed record ArraySpec(IReadOnlyList<int> Indices, int? MaxRunning);
