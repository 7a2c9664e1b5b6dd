namespace Junction.Runtime.Events;

/// <summary>How Events are attributed and aggregated.</summary>
public sealed class EventRecorderOptions
{
    /// <summary><c>source.component</c> and <c>reportingComponent</c> of every Event.</summary>
    public required string Component { get; init; }

    /// <summary><c>reportingInstance</c> and <c>source.host</c>: this replica, usually the pod name.</summary>
    public string Instance { get; init; } = Environment.MachineName;

    /// <summary>A repeat of the same Event within this window bumps the existing Event's count instead of creating one.</summary>
    public TimeSpan AggregationWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Once an object has this many Events of one type and reason with different messages within the
    /// aggregation window, further ones are combined into a single Event (client-go: 10).
    /// </summary>
    public int MaxSimilarEvents { get; init; } = 10;

    /// <summary>How many Events one object may have at once before the spam filter drops them (client-go: 25).</summary>
    public int SpamBurst { get; init; } = 25;

    /// <summary>After its burst, an object earns one more Event this often (client-go: every 5 minutes).</summary>
    public TimeSpan SpamRefillInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How many distinct Events are remembered for aggregation (least recently used ones are forgotten).</summary>
    public int CacheSize { get; init; } = 4096;

    /// <summary>Longer messages are cut to this many characters.</summary>
    public int MaxMessageLength { get; init; } = 1024;
}
