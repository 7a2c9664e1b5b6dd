using Junction.Cli;
using Junction.Manifests;
using Junction.Tests.Translation;

namespace Junction.Tests.Mesh.Sidecar;

/// <summary>
/// Sidecar test cases: every testdata/sidecar/&lt;case&gt;/ (input.yaml and args.txt, the render
/// arguments naming the workload) and, for every sample, one case per service account its
/// Deployments run as (the policy's namespace and "default" when it has none).
/// </summary>
internal static class SidecarCases
{
    public static string Root => Path.Combine(TestPaths.RepoRoot, "Operator.Tests", "testdata", "sidecar");

    /// <summary>Every case as (name, input file, render arguments after -f, golden directory or null for samples).</summary>
    public static IEnumerable<(string Name, string Input, string[] Args, string? Golden)> All()
    {
        foreach (var dir in Directory.GetDirectories(Root).Order(StringComparer.Ordinal))
        {
            var args = File.ReadAllText(Path.Combine(dir, "args.txt")).Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            yield return (Path.GetFileName(dir), Path.Combine(dir, "input.yaml"), args, dir);
        }

        foreach (var file in Directory.GetFiles(TestPaths.Samples, "*.yaml").Order(StringComparer.Ordinal))
        {
            foreach (var workload in Workloads(file))
            {
                yield return ("sample-" + Path.GetFileNameWithoutExtension(file) + "-" + workload.Replace('/', '-'), file, ["--sidecar", workload], null);
            }
        }
    }

    /// <summary>The parsed options of a case, writing into <paramref name="outputDir"/> under <paramref name="root"/>.</summary>
    public static SidecarArguments.Options Options(string[] args, string outputDir, string root)
    {
        var all = args.Concat(["--output-dir", outputDir]).Concat(root.Length > 0 ? ["--root", root] : Array.Empty<string>()).ToArray();
        var split = SidecarArguments.Split(all);
        return split.Sidecar ?? throw new InvalidOperationException("bad case arguments: " + (split.Error ?? string.Join(" ", args)));
    }

    public static IReadOnlyList<ManifestDocument> Documents(string input) => ManifestReader.Read(input, TextReader.Null);

    private static IEnumerable<string> Workloads(string sample)
    {
        var documents = Documents(sample);
        var accounts = documents.Select(d => d.Object).OfType<object>()
            .Select(Junction.Mesh.Sidecar.ServingWorkload.From)
            .OfType<Junction.Mesh.Sidecar.ServingWorkload>()
            .Select(w => w.Namespace + "/" + w.ServiceAccount)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        if (accounts.Count > 0)
        {
            return accounts;
        }

        var policy = documents.Select(d => d.Object).OfType<Junction.Api.V1Alpha1.TrafficPolicy>().FirstOrDefault();
        return [(policy?.Metadata.NamespaceProperty ?? "default") + "/default"];
    }
}
