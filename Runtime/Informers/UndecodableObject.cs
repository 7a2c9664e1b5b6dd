namespace Junction.Runtime.Informers;

/// <summary>An object the server sent that the client's model cannot hold, skipped so that every other key is served.</summary>
/// <typeparam name="T">The object type.</typeparam>
/// <param name="Object">An object with only the skipped one's apiVersion, kind and metadata (name, namespace, uid, resourceVersion).</param>
/// <param name="Error">Why it could not be decoded.</param>
public sealed record UndecodableObject<T>(T Object, string Error);
