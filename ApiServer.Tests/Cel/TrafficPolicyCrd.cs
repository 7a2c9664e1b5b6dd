using System.Text.Json.Nodes;

namespace Junction.ApiServer.Tests.Cel;

/// <summary>The repository's TrafficPolicy CRD and policies to write against it.</summary>
internal static class TrafficPolicyCrd
{
    public const string Path = "apis/traffic.junction.dev/v1alpha1/namespaces/default/trafficpolicies";

    /// <summary>crds/trafficpolicies.traffic.junction.dev.yaml, found by walking up to the directory holding Operator.sln.</summary>
    public static string File()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "Operator.sln")))
            {
                return System.IO.Path.Combine(dir.FullName, "crds", "trafficpolicies.traffic.junction.dev.yaml");
            }
        }

        throw new InvalidOperationException($"no Operator.sln above {AppContext.BaseDirectory}");
    }

    /// <summary>A policy named <paramref name="name"/> whose spec is a valid base with <paramref name="spec"/>'s fields merged in.</summary>
    public static JsonObject Policy(string spec, string name = "shop")
    {
        var merged = new JsonObject { ["targetRef"] = new JsonObject { ["name"] = "checkout", ["port"] = 8080 } };
        foreach (var (key, value) in JsonNode.Parse(spec)!.AsObject())
        {
            merged[key] = value?.DeepClone();
        }

        return new JsonObject
        {
            ["apiVersion"] = "traffic.junction.dev/v1alpha1",
            ["kind"] = "TrafficPolicy",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = merged,
        };
    }
}
