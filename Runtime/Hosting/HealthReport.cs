using System.Text;

namespace Junction.Runtime.Hosting;

/// <summary>The result of a probe: ready or not, with one line per check (kubebuilder's verbose format).</summary>
/// <param name="Healthy">Whether every check passed.</param>
/// <param name="Checks">One entry per check: name, pass, detail.</param>
public sealed record HealthReport(bool Healthy, IReadOnlyList<(string Name, bool Passed, string Detail)> Checks)
{
    /// <summary>The response body: <c>[+]name detail</c> per check, then a verdict.</summary>
    public string Body(string probe)
    {
        var text = new StringBuilder();
        foreach (var (name, passed, detail) in Checks)
        {
            text.Append(passed ? "[+]" : "[-]").Append(name).Append(' ').Append(detail).Append('\n');
        }
        text.Append(probe).Append(Healthy ? " check passed" : " check failed").Append('\n');
        return text.ToString();
    }
}
