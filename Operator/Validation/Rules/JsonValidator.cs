using System.Linq.Expressions;
using FluentValidation;

namespace Junction.Validation.Rules;

/// <summary>
/// Base of every API validator: rules are named by the JSON field (so paths read
/// spec.routes[1].backendRefs[0].weight), and the DataAnnotations facts that also
/// become the CRD schema (required, ranges, enums, lengths) are enforced from the
/// attributes themselves so the two layers cannot drift apart.
/// </summary>
internal abstract class JsonValidator<T> : AbstractValidator<T>
{
    protected JsonValidator()
    {
        Check(AttributeRules.For(typeof(T)).Apply);
    }

    /// <summary>A rule on one field, named by its JSON name.</summary>
    protected IRuleBuilderInitial<T, TProperty> Field<TProperty>(Expression<Func<T, TProperty>> property) =>
        RuleFor(property).Configure(rule => rule.PropertyName = JsonName(property));

    /// <summary>A rule on each item of a list field; paths carry the index (routes[1]).</summary>
    protected IRuleBuilderInitialCollection<T, TItem> Each<TItem>(Expression<Func<T, IEnumerable<TItem>?>> list) =>
        RuleForEach(list!).Configure(rule => rule.PropertyName = JsonName(list));

    /// <summary>A cross-field rule over the whole object; it reports at relative paths.</summary>
    protected void Check(Action<T, Reporter<T>> check) =>
        RuleFor(x => x).Configure(rule => rule.PropertyName = "")
            .Custom((value, context) => check(value, new Reporter<T>(context)));

    private static string JsonName(LambdaExpression property)
    {
        var body = property.Body is UnaryExpression unary ? unary.Operand : property.Body;
        return body is MemberExpression member
            ? JsonNames.Of(member.Member)
            : throw new ArgumentException($"{property} does not select a property", nameof(property));
    }
}
