using System.Text;
using k8s;
using k8s.Models;

namespace Junction.Translation;

/// <summary>
/// Desired objects as multi-document YAML, each document starting with "---", nulls omitted. The
/// render verb prints this and golden files store it, so both show the same bytes.
/// </summary>
internal static class ObjectsYaml
{
    public static string Serialize(IEnumerable<IKubernetesObject<V1ObjectMeta>> objects)
    {
        var text = new StringBuilder();
        foreach (var o in objects)
        {
            text.Append("---\n").Append(KubernetesYaml.Serialize(o).TrimEnd('\n')).Append('\n');
        }

        return text.ToString();
    }
}
