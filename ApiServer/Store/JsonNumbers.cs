using System.Globalization;
using System.Text.Json.Nodes;

namespace Junction.ApiServer.Store;

/// <summary>
/// Reads numbers whatever their origin: a JsonValue built from an int does not convert to long by itself,
/// so numbers are read from their JSON text.
/// </summary>
internal static class JsonNumbers
{
    public static long Long(this JsonNode node) =>
        long.TryParse(node.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : (long)node.Double();

    public static double Double(this JsonNode node) => double.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    public static bool TryDouble(this JsonNode node, out double value) =>
        double.TryParse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
