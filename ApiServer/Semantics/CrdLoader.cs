using Junction.ApiServer.Patching;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Semantics;

/// <summary>Creates the CustomResourceDefinitions found in YAML files before the server starts listening.</summary>
internal static class CrdLoader
{
    public static void Load(ResourceService service, IReadOnlyList<string> paths)
    {
        var crdType = service.TypeOf("apiextensions.k8s.io/v1", "customresourcedefinitions");
        foreach (var file in paths.SelectMany(Files))
        {
            foreach (var doc in YamlJson.ParseAll(File.ReadAllText(file)).Where(d => d["kind"]?.GetValue<string>() == "CustomResourceDefinition"))
            {
                try
                {
                    service.Create(crdType, string.Empty, doc, WriteOptions.Default with { FieldManager = "junction-local-apiserver" });
                }
                catch (ApiException e)
                {
                    throw new InvalidDataException($"{file}: {e.Message}", e);
                }
            }
        }
    }

    private static IEnumerable<string> Files(string path)
    {
        if (Directory.Exists(path))
        {
            return Directory.EnumerateFiles(path, "*.*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal);
        }

        return File.Exists(path) ? [path] : throw new FileNotFoundException($"no CRD file or directory at {path}", path);
    }
}
