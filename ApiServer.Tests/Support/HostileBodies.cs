using System.Text;

namespace Junction.ApiServer.Tests.Support;

/// <summary>Request bodies built to exhaust a naive server: deep nesting and alias bombs.</summary>
internal static class HostileBodies
{
    /// <summary>A ConfigMap whose data nests <paramref name="depth"/> flow sequences (2 bytes per level).</summary>
    public static string DeepYaml(int depth) =>
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  k: " + new string('[', depth) + new string(']', depth) + "\n";

    /// <summary>The same nesting in JSON.</summary>
    public static string DeepJson(int depth) =>
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"deep\"},\"data\":{\"k\":" + new string('[', depth) + new string(']', depth) + "}}";

    /// <summary>"Billion laughs": nine levels of nine aliases, about 400 bytes that expand to 387 million nodes.</summary>
    public static string AliasBomb(string name = "bomb")
    {
        var text = new StringBuilder($"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\nx0: &x0 [\"lol\"]\n");
        for (var level = 1; level <= 9; level++)
        {
            var previous = $"*x{level - 1}";
            text.Append(level == 9 ? "data:\n  k: [" : $"x{level}: &x{level} [").Append(string.Join(",", Enumerable.Repeat(previous, 9))).Append("]\n");
        }

        return text.ToString();
    }
}
