using Junction.Injection;

namespace Junction.Tests.Injection;

/// <summary>Namespace labels as a test sets them; namespaces not set are unknown.</summary>
internal sealed class FakeNamespaceLabels : INamespaceLabels
{
    public Dictionary<string, bool> Enabled { get; } = new(StringComparer.Ordinal);

    public bool? InjectionEnabled(string ns) => Enabled.TryGetValue(ns, out var enabled) ? enabled : null;
}
