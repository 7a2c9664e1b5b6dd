namespace Junction.ApiServer.Model;

/// <summary>A top-level kind and the message its objects are.</summary>
internal sealed record KindModel(string ApiVersion, string Kind, string Message);
