using System.Reflection;
using k8s.Models;

namespace Junction.Runtime.Informers;

/// <summary>Where a kind lives in the REST API: group, version, plural resource name.</summary>
/// <param name="Group">The API group; empty for the core group.</param>
/// <param name="Version">The API version, such as <c>v1</c>.</param>
/// <param name="Plural">The resource name, such as <c>services</c>.</param>
/// <param name="Kind">The kind, such as <c>Service</c>.</param>
public sealed record ResourceType(string Group, string Version, string Plural, string Kind)
{
    /// <summary>Reads the type's <see cref="KubernetesEntityAttribute"/>.</summary>
    public static ResourceType For<T>()
    {
        var entity = typeof(T).GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new InvalidOperationException($"{typeof(T).Name} has no [KubernetesEntity] attribute naming its group, version and plural.");
        return new ResourceType(entity.Group ?? "", entity.ApiVersion, entity.PluralName, entity.Kind);
    }

    /// <summary>The collection path, relative to the server root, e.g. <c>apis/apps/v1/namespaces/shop/deployments</c>.</summary>
    public string CollectionPath(string? @namespace)
    {
        var prefix = Group.Length == 0 ? $"api/{Version}" : $"apis/{Group}/{Version}";
        return string.IsNullOrEmpty(@namespace)
            ? $"{prefix}/{Plural}"
            : $"{prefix}/namespaces/{Uri.EscapeDataString(@namespace)}/{Plural}";
    }

    /// <summary>The <c>apiVersion</c> string, <c>group/version</c> or <c>version</c>.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";
}
