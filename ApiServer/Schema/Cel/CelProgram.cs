namespace Junction.ApiServer.Schema.Cel;

/// <summary>A compiled expression, ready to evaluate with <c>self</c> (and <c>oldSelf</c>) bound.</summary>
internal sealed class CelProgram(CelExpr expr, bool usesOldSelf)
{
    /// <summary>Whether the expression names <c>oldSelf</c>: a transition rule, evaluated on updates only.</summary>
    public bool UsesOldSelf { get; } = usesOldSelf;

    /// <summary>Evaluates; a <see cref="CelError"/> result is a runtime error. Throws <see cref="CelCostExceededException"/> past the limit.</summary>
    public object? Evaluate(object? self, object? oldSelf, CelContext context)
    {
        context.Bind("self", self);
        context.Bind("oldSelf", oldSelf);
        try
        {
            return expr.Eval(context);
        }
        finally
        {
            context.Unbind();
            context.Unbind();
        }
    }
}
