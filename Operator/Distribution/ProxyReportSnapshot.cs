namespace Junction.Distribution;

/// <summary>What the instances of one proxy last reported.</summary>
/// <param name="Live">Instances heard from within the staleness timeout.</param>
/// <param name="Silent">Instances gone silent for longer than that: their state is unknown.</param>
internal sealed record ProxyReportSnapshot(IReadOnlyList<ProxyInstanceReport> Live, IReadOnlyList<ProxyInstanceReport> Silent);
