namespace Junction.ApiServer.Http;

/// <summary>One request the server answered: its Kubernetes verb, resource, namespace, name and status code.</summary>
/// <param name="Verb">get, list, watch, create, update, patch, delete or deletecollection.</param>
/// <param name="Resource">The plural resource name, with "/status" for the status subresource.</param>
/// <param name="Namespace">The namespace of the request, empty for cluster-scoped.</param>
/// <param name="Name">The object name, empty for collections.</param>
/// <param name="StatusCode">The HTTP status code returned.</param>
public sealed record RecordedRequest(string Verb, string Resource, string Namespace, string Name, int StatusCode);
