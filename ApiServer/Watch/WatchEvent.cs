using System.Text.Json.Nodes;

namespace Junction.ApiServer.Watch;

/// <summary>One change in the store: the object after it (or as deleted) and, for updates, before it.</summary>
internal sealed record WatchEvent(long Revision, string Type, string Key, JsonObject Object, JsonObject? Old);
