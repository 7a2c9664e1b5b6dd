using System.Text.Json.Nodes;

namespace Junction.ApiServer.Schema.Cel;

/// <summary>
/// A compiled sub-expression: the closure that evaluates it and, when it is known, the schema of the value it
/// yields (so that selecting an undeclared field is a compile error, as the Kubernetes type checker makes it).
/// </summary>
internal sealed record CelExpr(Func<CelContext, object?> Eval, JsonObject? Schema = null)
{
    /// <summary>For <c>has()</c>: the operand and field name when this expression is a field selection.</summary>
    public (CelExpr Operand, string Field)? Selection { get; init; }
}
