using System.Text.Json.Nodes;

namespace Junction.ApiServer.Tests.Validation;

/// <summary>Valid objects of the built-in kinds and where they are created, to be broken one field at a time.</summary>
internal static class Objects
{
    private static readonly Dictionary<string, (string Path, string Json)> Bases = new(StringComparer.Ordinal)
    {
        ["deployment"] = ("apis/apps/v1/namespaces/default/deployments", """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"selector":{"matchLabels":{"app":"web"}},
             "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"app","image":"nginx:1.25","ports":[{"containerPort":80}]}]}}}}
            """),
        ["service"] = ("api/v1/namespaces/default/services", """
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"selector":{"app":"web"},"ports":[{"port":80}]}}
            """),
        ["ingress"] = ("apis/networking.k8s.io/v1/namespaces/default/ingresses", """
            {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"web"},"spec":{"rules":[{"host":"example.com","http":{"paths":[
              {"path":"/","pathType":"Prefix","backend":{"service":{"name":"web","port":{"number":80}}}}]}}]}}
            """),
        ["configmap"] = ("api/v1/namespaces/default/configmaps", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cfg"},"data":{"k":"v"}}"""),
        ["secret"] = ("api/v1/namespaces/default/secrets", """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},"type":"Opaque","data":{"k":"dg=="}}"""),
        ["namespace"] = ("api/v1/namespaces", """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"demo"}}"""),
        ["pod"] = ("api/v1/namespaces/default/pods", """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"app","image":"nginx:1.25"}]}}"""),
    };

    public static string PathOf(string kind) => Bases[kind].Path;

    /// <summary>The base object of a kind with an RFC 7386 merge patch applied (null removes, arrays replace).</summary>
    public static string With(string kind, string patch)
    {
        var target = JsonNode.Parse(Bases[kind].Json)!.AsObject();
        Merge(target, JsonNode.Parse(patch)!.AsObject());
        return target.ToJsonString();
    }

    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch.ToList())
        {
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject child && target[key] is JsonObject existing)
            {
                Merge(existing, child);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }
}
