namespace Junction.ApiServer.Schema.Shapes;

/// <summary>One built-in object type: its full name (the OpenAPI definition name), a description and its JSON fields.</summary>
/// <param name="Name">The full name, as kube-apiserver names its definitions (io.k8s.api.core.v1.Container).</param>
/// <param name="Description">What kubectl explain prints for the type.</param>
/// <param name="Fields">The JSON members, inline members already flattened into the type.</param>
internal sealed record ShapeType(string Name, string Description, IReadOnlyList<ShapeField> Fields);
