namespace Junction.Tests.Mesh.Bed;

/// <summary>The mesh test inputs under testdata/mesh (copied next to the test assembly).</summary>
internal static class MeshFiles
{
    public static string Directory => System.IO.Path.Combine(AppContext.BaseDirectory, "testdata", "mesh");

    /// <summary>The bed's Pods and Services.</summary>
    public static string Workloads => Policy("workloads.yaml");

    public static string Policy(string name) => System.IO.Path.Combine(Directory, name);

    /// <summary>Every policy file (all but the workloads).</summary>
    public static IReadOnlyList<string> Policies =>
        [.. System.IO.Directory.GetFiles(Directory, "*.yaml").Where(f => System.IO.Path.GetFileName(f) != "workloads.yaml").Order(StringComparer.Ordinal)];
}
