using System.Collections.Immutable;

namespace Junction.Validation;

/// <summary>Operator-wide settings that some validation rules depend on.</summary>
public sealed record ValidationOptions
{
    /// <summary>The image of gateway proxies when a policy names none; its registry is allowed by default.</summary>
    public const string DefaultProxyImage = "haproxy:3.2.4";

    /// <summary>
    /// Registry and repository-path prefixes spec.proxy.image may come from, e.g. <c>docker.io/library</c>
    /// or <c>registry.example.com/mirror</c>; matched on path boundaries after normalisation.
    /// </summary>
    public ImmutableArray<string> AllowedProxyRegistries { get; init; } = [RegistryOf(DefaultProxyImage)];

    /// <summary>The defaults: images from the default proxy image's registry only.</summary>
    public static ValidationOptions Default { get; } = new();

    /// <summary>
    /// The options of an operator: the given registries, or when there are none, the registry
    /// of its default proxy image (the operator's --proxy-image, else <see cref="DefaultProxyImage"/>).
    /// </summary>
    public static ValidationOptions For(string? defaultProxyImage, IReadOnlyCollection<string>? allowedProxyRegistries) => new()
    {
        AllowedProxyRegistries = allowedProxyRegistries is { Count: > 0 }
            ? [.. allowedProxyRegistries.Select(ImageReference.NormalisePrefix)]
            : [RegistryOf(string.IsNullOrEmpty(defaultProxyImage) ? DefaultProxyImage : defaultProxyImage)],
    };

    /// <summary>The registry path an image comes from, e.g. <c>docker.io/library</c> for <c>haproxy:3.2.4</c>.</summary>
    public static string RegistryOf(string image) => ImageReference.Parse(image).RegistryPath;
}
