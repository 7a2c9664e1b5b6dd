using FluentValidation;
using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>Gives nested validators the whole policy, for rules that depend on spec-wide settings such as protocol.</summary>
internal static class PolicyContext
{
    public const string Key = "Junction.Policy";

    public static TrafficPolicy? Policy<T>(ValidationContext<T> context) =>
        context.RootContextData.TryGetValue(Key, out var value) ? value as TrafficPolicy : null;

    /// <summary>spec.protocol with its default (HTTP).</summary>
    public static string Protocol<T>(ValidationContext<T> context) =>
        Policy(context)?.Spec?.Protocol ?? Protocols.Http;
}
