using FluentValidation;
using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>Gives nested validators the whole policy, for rules that depend on spec-wide settings such as protocol.</summary>
internal static class PolicyContext
{
    public const string Key = "Junction.Policy";

    public const string OptionsKey = "Junction.ValidationOptions";

    /// <summary>The operator's validation settings; the defaults when none were given.</summary>
    public static ValidationOptions Options<T>(ValidationContext<T> context) =>
        context.RootContextData.TryGetValue(OptionsKey, out var value) && value is ValidationOptions options ? options : ValidationOptions.Default;

    public static TrafficPolicy? Policy<T>(ValidationContext<T> context) =>
        context.RootContextData.TryGetValue(Key, out var value) ? value as TrafficPolicy : null;

    /// <summary>spec.protocol with its default (HTTP).</summary>
    public static string Protocol<T>(ValidationContext<T> context) =>
        Policy(context)?.Spec?.Protocol ?? Protocols.Http;
}
