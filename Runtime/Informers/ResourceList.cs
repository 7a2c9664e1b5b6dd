namespace Junction.Runtime.Informers;

/// <summary>The result of a list: the items and the collection's resourceVersion to watch from.</summary>
/// <typeparam name="T">The object type.</typeparam>
/// <param name="Items">Every object, all pages joined.</param>
/// <param name="ResourceVersion">The list's resourceVersion.</param>
/// <param name="Undecodable">Items that could not be decoded and are missing from <paramref name="Items"/>.</param>
public sealed record ResourceList<T>(IReadOnlyList<T> Items, string ResourceVersion, IReadOnlyList<UndecodableObject<T>>? Undecodable = null);
