using System.Text.Json.Nodes;

namespace Junction.ApiServer.Store;

/// <summary>The object a write returns, whether it was created, and the warnings for the Warning header.</summary>
internal sealed record WriteResult(JsonObject Object, bool Created, IReadOnlyList<string> Warnings, bool Pending = false);
