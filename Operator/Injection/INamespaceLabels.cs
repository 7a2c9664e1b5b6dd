namespace Junction.Injection;

/// <summary>Whether a namespace opted into injection, from the operator's cache.</summary>
internal interface INamespaceLabels
{
    /// <summary>True or false from the namespace's labels; null when the cache does not know the namespace (or holds none).</summary>
    bool? InjectionEnabled(string ns);
}
