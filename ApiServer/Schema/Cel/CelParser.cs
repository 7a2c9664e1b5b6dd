using System.Text.Json.Nodes;

namespace Junction.ApiServer.Schema.Cel;

/// <summary>
/// Parses a CEL expression (the full expression grammar; no message construction) and compiles it into
/// closures in one pass. Field selections are checked against the OpenAPI schema of the value they select
/// from, so that a rule naming an undeclared field fails when the CRD is written, as in Kubernetes.
/// </summary>
internal sealed class CelParser
{
    private static readonly string[] Relations = ["==", "!=", "<", "<=", ">", ">="];
    private readonly List<CelToken> tokens;
    private readonly JsonObject? selfSchema;
    private readonly List<(string Name, JsonObject? Schema)> locals = [];
    private int pos;

    private CelParser(string source, JsonObject? selfSchema)
    {
        tokens = CelLexer.Tokenize(source);
        this.selfSchema = selfSchema;
    }

    private bool UsesOldSelf { get; set; }

    private CelToken Current => tokens[pos];

    /// <summary>Compiles <paramref name="source"/> with <c>self</c> and <c>oldSelf</c> typed by <paramref name="selfSchema"/>.</summary>
    public static CelProgram Compile(string source, JsonObject? selfSchema)
    {
        var parser = new CelParser(source, selfSchema);
        var expr = parser.ParseExpr();
        if (parser.Current.Kind != CelTokenKind.End)
        {
            throw parser.Unexpected();
        }

        return new CelProgram(expr, parser.UsesOldSelf);
    }

    private CelCompileException Unexpected()
    {
        var t = Current;
        var text = t.Kind == CelTokenKind.End ? "<EOF>" : $"'{t.Text}'";
        return new CelCompileException($"Syntax error: mismatched input {text}", t.Offset);
    }

    private bool Accept(string punct)
    {
        if (Current.Is(punct))
        {
            pos++;
            return true;
        }

        return false;
    }

    private void Expect(string punct)
    {
        if (!Accept(punct))
        {
            var t = Current;
            var text = t.Kind == CelTokenKind.End ? "<EOF>" : $"'{t.Text}'";
            throw new CelCompileException($"Syntax error: mismatched input {text} expecting '{punct}'", t.Offset);
        }
    }

    private CelExpr ParseExpr()
    {
        var condition = ParseOr();
        if (!Accept("?"))
        {
            return condition;
        }

        var whenTrue = ParseOr();
        Expect(":");
        var whenFalse = ParseExpr();
        return new CelExpr(ctx => condition.Eval(ctx) switch
        {
            true => whenTrue.Eval(ctx),
            false => whenFalse.Eval(ctx),
            CelError e => e,
            _ => CelError.NoSuchOverload,
        });
    }

    private CelExpr ParseOr() => ParseLogical("||", ParseAnd, shortCircuit: true);

    private CelExpr ParseAnd() => ParseLogical("&&", ParseRelation, shortCircuit: false);

    /// <summary>CEL's logical operators are commutative over errors: <c>error || true</c> is true, <c>error &amp;&amp; false</c> is false.</summary>
    private CelExpr ParseLogical(string op, Func<CelExpr> operand, bool shortCircuit)
    {
        var first = operand();
        if (!Current.Is(op))
        {
            return first;
        }

        var operands = new List<CelExpr> { first };
        while (Accept(op))
        {
            operands.Add(operand());
        }

        return new CelExpr(ctx => CelLogic.Fold(operands.Select(o =>
        {
            ctx.Spend(1);
            return o.Eval(ctx);
        }), shortCircuit));
    }

    private CelExpr ParseRelation()
    {
        var left = ParseAddition();
        while (true)
        {
            var t = Current;
            if (t.Kind == CelTokenKind.Punct && Relations.Contains(t.Text))
            {
                pos++;
                left = Binary("_" + t.Text + "_", left, ParseAddition());
            }
            else if (t.Kind == CelTokenKind.Identifier && t.Text == "in")
            {
                pos++;
                left = Binary("@in", left, ParseAddition());
            }
            else
            {
                return left;
            }
        }
    }

    private CelExpr ParseAddition()
    {
        var left = ParseMultiplication();
        while (Current.Is("+") || Current.Is("-"))
        {
            var op = tokens[pos++].Text;
            left = Binary("_" + op + "_", left, ParseMultiplication());
        }

        return left;
    }

    private CelExpr ParseMultiplication()
    {
        var left = ParseUnary();
        while (Current.Is("*") || Current.Is("/") || Current.Is("%"))
        {
            var op = tokens[pos++].Text;
            left = Binary("_" + op + "_", left, ParseUnary());
        }

        return left;
    }

    private CelExpr ParseUnary()
    {
        if (Accept("!"))
        {
            var operand = ParseUnary();
            return Call("!_", [operand]);
        }

        if (Accept("-"))
        {
            if (Current.Kind == CelTokenKind.Int && !tokens[pos + 1].Is(".") && !tokens[pos + 1].Is("["))
            {
                var magnitude = (ulong)tokens[pos++].Value!;
                object value = magnitude == (ulong)long.MaxValue + 1 ? long.MinValue : -(long)magnitude;
                return new CelExpr(_ => value);
            }

            var operand = ParseUnary();
            return Call("-_", [operand]);
        }

        return ParseMember();
    }

    private CelExpr ParseMember()
    {
        var expr = ParsePrimary();
        while (true)
        {
            if (Current.Is("."))
            {
                var dot = Current.Offset;
                pos++;
                var name = ExpectIdentifier();
                expr = Current.Is("(") ? MemberCall(expr, name, dot) : Select(expr, name, dot);
            }
            else if (Accept("["))
            {
                var index = ParseExpr();
                Expect("]");
                var target = expr;
                expr = new CelExpr(ctx => { ctx.Spend(1); return CelFunctions.Index(target.Eval(ctx), index.Eval(ctx)); }, ElementSchema(target.Schema));
            }
            else
            {
                return expr;
            }
        }
    }

    private string ExpectIdentifier()
    {
        if (Current.Kind != CelTokenKind.Identifier)
        {
            var t = Current;
            var text = t.Kind == CelTokenKind.End ? "<EOF>" : $"'{t.Text}'";
            throw new CelCompileException($"Syntax error: mismatched input {text} expecting IDENTIFIER", t.Offset);
        }

        return tokens[pos++].Text;
    }

    private CelExpr ParsePrimary()
    {
        var t = Current;
        switch (t.Kind)
        {
            case CelTokenKind.Int:
                pos++;
                var magnitude = (ulong)t.Value!;
                if (magnitude > long.MaxValue)
                {
                    throw new CelCompileException("invalid int literal", t.Offset);
                }

                object boxed = (long)magnitude;
                return new CelExpr(_ => boxed);
            case CelTokenKind.Uint or CelTokenKind.Double or CelTokenKind.String or CelTokenKind.Bytes:
                pos++;
                var literal = t.Value;
                return new CelExpr(_ => literal);
            case CelTokenKind.Identifier:
                return ParseIdentifier();
            case CelTokenKind.Punct when t.Text == ".":
                pos++;
                return ParseIdentifier();
            case CelTokenKind.Punct when t.Text == "(":
                pos++;
                var inner = ParseExpr();
                Expect(")");
                return inner;
            case CelTokenKind.Punct when t.Text == "[":
                pos++;
                var items = ParseList("]");
                return new CelExpr(ctx =>
                {
                    ctx.Spend(1);
                    var list = new List<object?>(items.Count);
                    foreach (var item in items)
                    {
                        var v = item.Eval(ctx);
                        if (v is CelError)
                        {
                            return v;
                        }

                        list.Add(v);
                    }

                    return list;
                });
            case CelTokenKind.Punct when t.Text == "{":
                pos++;
                return ParseMap();
            default:
                throw Unexpected();
        }
    }

    private List<CelExpr> ParseList(string close)
    {
        var items = new List<CelExpr>();
        while (!Accept(close))
        {
            items.Add(ParseExpr());
            if (!Accept(","))
            {
                Expect(close);
                break;
            }
        }

        return items;
    }

    private CelExpr ParseMap()
    {
        var entries = new List<(CelExpr Key, CelExpr Value)>();
        while (!Accept("}"))
        {
            var key = ParseExpr();
            Expect(":");
            entries.Add((key, ParseExpr()));
            if (!Accept(","))
            {
                Expect("}");
                break;
            }
        }

        return new CelExpr(ctx =>
        {
            ctx.Spend(1);
            var map = new Dictionary<object, object?>(CelKeyComparer.Instance);
            foreach (var (keyExpr, valueExpr) in entries)
            {
                var key = keyExpr.Eval(ctx);
                if (key is CelError)
                {
                    return key;
                }

                if (key is not (string or long or ulong or bool))
                {
                    return new CelError("unsupported key type");
                }

                var value = valueExpr.Eval(ctx);
                if (value is CelError)
                {
                    return value;
                }

                if (!map.TryAdd(key, value))
                {
                    return new CelError($"Failed with repeated key: {CelValues.Display(key)}");
                }
            }

            return map;
        });
    }

    private CelExpr ParseIdentifier()
    {
        var t = Current;
        var name = ExpectIdentifier();
        if (Current.Is("("))
        {
            return GlobalCall(name, t.Offset);
        }

        switch (name)
        {
            case "true":
                return new CelExpr(_ => true);
            case "false":
                return new CelExpr(_ => false);
            case "null":
                return new CelExpr(_ => null);
        }

        for (var i = locals.Count - 1; i >= 0; i--)
        {
            if (locals[i].Name == name)
            {
                return new CelExpr(ctx => ctx.Lookup(name), locals[i].Schema);
            }
        }

        if (name is "self" or "oldSelf")
        {
            UsesOldSelf |= name == "oldSelf";
            return new CelExpr(ctx => { ctx.Spend(1); return ctx.Lookup(name); }, selfSchema);
        }

        throw new CelCompileException($"undeclared reference to '{name}' (in container '')", t.Offset);
    }

    private CelExpr GlobalCall(string name, int offset)
    {
        Expect("(");
        if (name == "has")
        {
            var arg = ParseExpr();
            Expect(")");
            if (arg.Selection is not { } selection)
            {
                throw new CelCompileException("invalid argument to has() macro", offset);
            }

            var (operand, field) = selection;
            return new CelExpr(ctx => { ctx.Spend(1); return CelFunctions.Has(operand.Eval(ctx), field); });
        }

        var args = ParseList(")");
        if (!CelFunctions.IsGlobal(name, args.Count))
        {
            throw new CelCompileException($"undeclared reference to '{name}' (in container '')", offset);
        }

        return Call(name, args);
    }

    private CelExpr MemberCall(CelExpr target, string name, int offset)
    {
        Expect("(");
        var start = pos;
        if (name is "all" or "exists" or "exists_one" or "map" or "filter" && Current.Kind == CelTokenKind.Identifier && tokens[pos + 1].Is(","))
        {
            var variable = ExpectIdentifier();
            Expect(",");
            locals.Add((variable, IterationSchema(target.Schema)));
            var args = ParseList(")");
            locals.RemoveAt(locals.Count - 1);
            return Comprehension(name, target, variable, args, offset);
        }

        pos = start;
        var rest = ParseList(")");
        if (!CelFunctions.IsMember(name, rest.Count))
        {
            throw new CelCompileException($"undeclared reference to '{name}' (in container '')", offset);
        }

        return Call(name, [target, .. rest]);
    }

    private static CelExpr Comprehension(string macro, CelExpr target, string variable, List<CelExpr> args, int offset)
    {
        var valid = macro switch
        {
            "map" => args.Count is 1 or 2,
            _ => args.Count == 1,
        };
        if (!valid)
        {
            throw new CelCompileException($"undeclared reference to '{macro}' (in container '')", offset);
        }

        return new CelExpr(ctx =>
        {
            ctx.Spend(1);
            var range = target.Eval(ctx) switch
            {
                CelError e => (object)e,
                List<object?> list => list,
                Dictionary<object, object?> map => map.Keys.ToList<object?>(),
                _ => CelError.NoSuchOverload,
            };
            if (range is CelError)
            {
                return range;
            }

            return CelComprehensions.Run(macro, (List<object?>)range, variable, args, ctx);
        });
    }

    private CelExpr Select(CelExpr operand, string field, int offset)
    {
        var schema = FieldSchema(operand.Schema, field, offset);
        return new CelExpr(ctx => { ctx.Spend(1); return CelFunctions.Select(operand.Eval(ctx), field); }, schema)
        {
            Selection = (operand, field),
        };
    }

    private static JsonObject? FieldSchema(JsonObject? schema, string field, int offset)
    {
        if (schema is null || schema["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true || schema["x-kubernetes-int-or-string"]?.GetValue<bool>() == true)
        {
            return schema?["properties"]?[field] as JsonObject;
        }

        if (schema["properties"]?[field] is JsonObject property)
        {
            return property;
        }

        if (schema["additionalProperties"] is JsonObject additional)
        {
            return additional;
        }

        var type = schema["type"]?.GetValue<string>();
        if (type is null || (type == "object" && schema["additionalProperties"] is JsonValue))
        {
            return null;
        }

        throw type == "object"
            ? new CelCompileException($"undefined field '{field}'", offset)
            : new CelCompileException($"type '{CelTypeName(type)}' does not support field selection", offset);
    }

    private static string CelTypeName(string openApiType) => openApiType switch
    {
        "integer" => "int",
        "number" => "double",
        "boolean" => "bool",
        "array" => "list(dyn)",
        _ => openApiType,
    };

    private static JsonObject? ElementSchema(JsonObject? schema) =>
        schema?["items"] as JsonObject ?? schema?["additionalProperties"] as JsonObject;

    private static JsonObject? IterationSchema(JsonObject? schema) =>
        schema?["items"] as JsonObject ?? (schema?["type"]?.GetValue<string>() == "object" ? new JsonObject { ["type"] = "string" } : null);

    private static CelExpr Binary(string op, CelExpr left, CelExpr right) => Call(op, [left, right]);

    private static CelExpr Call(string name, List<CelExpr> args) => new(ctx =>
    {
        ctx.Spend(1);
        var values = new object?[args.Count];
        for (var i = 0; i < args.Count; i++)
        {
            values[i] = args[i].Eval(ctx);
            if (values[i] is CelError)
            {
                return values[i];
            }
        }

        return CelFunctions.Call(name, values, ctx);
    });
}
