using System.Text.Json.Nodes;

namespace Junction.ApiServer.Watch;

/// <summary>What a watch stream writes: ADDED, MODIFIED, DELETED, BOOKMARK or ERROR with its object.</summary>
internal sealed record WatchMessage(string Type, JsonObject Object);
