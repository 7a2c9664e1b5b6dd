namespace Junction.ApiServer.Schema.Shapes;

/// <summary>No built-in shapes: the documents then list the built-in paths (and fieldValidation) without schemas.</summary>
internal sealed class NoShapes : IBuiltinShapes
{
    public static NoShapes Instance { get; } = new();

    public string? KindType(string apiVersion, string kind) => null;

    public ShapeType? Type(string name) => null;
}
