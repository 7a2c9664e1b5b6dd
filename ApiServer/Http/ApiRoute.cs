namespace Junction.ApiServer.Http;

/// <summary>A parsed resource URL: /api/v1 or /apis/group/version, then namespace, resource, name and subresource.</summary>
internal sealed record ApiRoute(string Group, string Version, string Namespace, string Resource, string Name, string Subresource);
