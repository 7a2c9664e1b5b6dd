namespace Junction.ApiServer.Schema.Shapes;

/// <summary>
/// The shapes of the built-in types, as the OpenAPI documents describe them: which type a served kind's
/// objects are, and each type's fields. The documents are generated from this, never written by hand.
/// </summary>
internal interface IBuiltinShapes
{
    /// <summary>The full type name (io.k8s.api.apps.v1.Deployment) of a kind's objects; null when the kind has no known shape.</summary>
    string? KindType(string apiVersion, string kind);

    /// <summary>A type by its full name; null when it is not known (a field of it is then described as a plain object).</summary>
    ShapeType? Type(string name);
}
