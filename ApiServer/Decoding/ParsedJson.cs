using System.Text.Json.Nodes;

namespace Junction.ApiServer.Decoding;

/// <summary>A JSON body read as encoding/json reads it (the last of duplicate members wins), with what strict decoding reports.</summary>
/// <param name="Root">The object.</param>
/// <param name="Duplicates">Each repeated member: its path (spec.paused) and its place in the document.</param>
/// <param name="Order">The place in the document of each member path's first occurrence.</param>
internal sealed record ParsedJson(JsonObject Root, IReadOnlyList<(string Path, int Order)> Duplicates, IReadOnlyDictionary<string, int> Order);
