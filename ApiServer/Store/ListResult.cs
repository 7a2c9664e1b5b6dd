using System.Text.Json.Nodes;

namespace Junction.ApiServer.Store;

/// <summary>One page of a list: the items, the list's resourceVersion and the token for the next page.</summary>
internal sealed record ListResult(IReadOnlyList<JsonObject> Items, long ResourceVersion, string? Continue, long? RemainingItemCount);
