using System.Text.Json.Nodes;

namespace Junction.ApiServer.Store;

/// <summary>One served resource: its names, scope, subresources and, for custom resources, its schema.</summary>
internal sealed record ResourceType(
    string Group,
    string Version,
    string Plural,
    string Singular,
    string Kind,
    bool Namespaced,
    IReadOnlyList<string> ShortNames,
    IReadOnlyList<string> Categories,
    bool HasStatus,
    bool IsCustom,
    JsonObject? Schema,
    IReadOnlyList<PrinterColumn> PrinterColumns)
{
    /// <summary>Whether metadata.generation is kept: custom resources and the built-ins whose registry strategy sets it.</summary>
    public bool TracksGeneration { get; init; } = true;

    /// <summary>For custom resources: the schema's x-kubernetes-validations, compiled when the CRD was stored.</summary>
    public Junction.ApiServer.Schema.Cel.CelValidator? Validations { get; init; }

    /// <summary>For custom resources: where the scale subresource reads and writes (the CRD's subresources.scale), or null.</summary>
    public Junction.ApiServer.Semantics.ScalePaths? Scale { get; init; }

    /// <summary>Store key: group/plural (core group is empty).</summary>
    public string Key => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public string ListKind => Kind + "List";

    /// <summary>The name kube-apiserver uses in messages: plural.group, or plural for the core group.</summary>
    public string QualifiedName => Key;

    /// <summary>Names are DNS-1123 labels for these kinds, subdomains otherwise.</summary>
    public bool NameIsLabel => Key is "namespaces" or "services";
}
