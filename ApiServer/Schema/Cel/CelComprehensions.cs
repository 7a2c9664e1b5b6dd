namespace Junction.ApiServer.Schema.Cel;

/// <summary>The comprehension macros (all, exists, exists_one, map, filter) with CEL's error semantics.</summary>
internal static class CelComprehensions
{
    public static object? Run(string macro, List<object?> range, string variable, List<CelExpr> args, CelContext ctx)
    {
        ctx.Bind(variable, null);
        try
        {
            return macro switch
            {
                "all" => Quantify(range, variable, args[0], ctx, stopOn: false),
                "exists" => Quantify(range, variable, args[0], ctx, stopOn: true),
                "exists_one" => ExistsOne(range, variable, args[0], ctx),
                "filter" => Transform(range, variable, args[0], null, ctx),
                _ => Transform(range, variable, args.Count == 2 ? args[0] : null, args[^1], ctx),
            };
        }
        finally
        {
            ctx.Unbind();
        }
    }

    /// <summary>all/exists: a deciding element wins over errors in other elements; otherwise an error is the result.</summary>
    private static object? Quantify(List<object?> range, string variable, CelExpr predicate, CelContext ctx, bool stopOn) =>
        CelLogic.Fold(range.Select(item =>
        {
            Rebind(ctx, variable, item);
            return predicate.Eval(ctx);
        }), stopOn);

    private static object? ExistsOne(List<object?> range, string variable, CelExpr predicate, CelContext ctx)
    {
        var count = 0;
        foreach (var item in range)
        {
            Rebind(ctx, variable, item);
            switch (predicate.Eval(ctx))
            {
                case true:
                    count++;
                    break;
                case false:
                    break;
                case CelError e:
                    return e;
                default:
                    return CelError.NoSuchOverload;
            }
        }

        return count == 1;
    }

    private static object? Transform(List<object?> range, string variable, CelExpr? filter, CelExpr? transform, CelContext ctx)
    {
        var result = new List<object?>();
        foreach (var item in range)
        {
            Rebind(ctx, variable, item);
            if (filter is not null)
            {
                var keep = filter.Eval(ctx);
                if (keep is CelError)
                {
                    return keep;
                }

                if (keep is not bool b)
                {
                    return CelError.NoSuchOverload;
                }

                if (!b)
                {
                    continue;
                }
            }

            var value = transform is null ? item : transform.Eval(ctx);
            if (value is CelError)
            {
                return value;
            }

            result.Add(value);
        }

        return result;
    }

    private static void Rebind(CelContext ctx, string variable, object? item)
    {
        ctx.Spend(1);
        ctx.Unbind();
        ctx.Bind(variable, item);
    }
}
