namespace Junction.Distribution;

/// <summary>The instances of one proxy, split by whether they reported within the staleness timeout.</summary>
/// <param name="Live">Instances heard from within the timeout.</param>
/// <param name="Silent">Instances silent for longer: their state is unknown.</param>
internal sealed record ProxyReportSnapshot(IReadOnlyList<ProxyInstanceReport> Live, IReadOnlyList<ProxyInstanceReport> Silent);
