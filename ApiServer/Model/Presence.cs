namespace Junction.ApiServer.Model;

/// <summary>
/// When Go's encoding/json writes a field, which decides the JSON a protobuf body stands for: the Go
/// structs write every non-pointer field on the wire, so only pointers tell presence there.
/// </summary>
internal enum Presence
{
    /// <summary>A value field tagged omitempty: left out when zero (empty string, 0, false, no entries).</summary>
    OmitEmpty,

    /// <summary>A pointer: written when set, also when its value is zero (replicas: 0, optional: false).</summary>
    Pointer,

    /// <summary>A value field without omitempty: always written, zero included.</summary>
    Always,
}
