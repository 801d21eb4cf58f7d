namespace Cyclone.Hub.Sinks;

/// <summary>Where a sink delivers its results.</summary>
public enum SinkKind
{
    /// <summary>Rows into a MySQL or MariaDB table, in bulk, exactly once.</summary>
    MySql,

    /// <summary>Metrics to a Prometheus Pushgateway, grouped by job and instance.</summary>
    Pushgateway,
}
