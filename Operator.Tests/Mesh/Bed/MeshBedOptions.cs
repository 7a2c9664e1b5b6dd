namespace Junction.Tests.Mesh.Bed;

/// <summary>What a <see cref="MeshBed"/> is built from.</summary>
internal sealed record MeshBedOptions
{
    /// <summary>Pods and Services (YAML); also the first input of every render.</summary>
    public required string WorkloadsFile { get; init; }

    /// <summary>The TrafficPolicy files the sidecars start with.</summary>
    public IReadOnlyList<string> PolicyFiles { get; init; } = [];

    /// <summary>False builds the network only: no pod gets capture rules or a sidecar (tests of the bed itself).</summary>
    public bool Sidecars { get; init; } = true;
}
