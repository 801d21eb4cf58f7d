namespace Cyclone.Protocol.Rest;

/// <summary>The result of each report of a batch, in the order given.</summary>
public sealed record TaskReportBatchDto(IReadOnlyList<TaskReportResultDto> Results);
