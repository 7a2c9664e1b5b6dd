namespace Junction.Ir;

/// <summary>
/// spec.authorization as the proxies enforce it: a request is allowed when any rule matches it,
/// otherwise it gets the default action. Paths are matched after the proxy normalised them.
/// </summary>
/// <param name="AllowByDefault">True for defaultAction Allow: requests no rule matches are let through.</param>
/// <param name="Rules">Allow rules in spec order.</param>
internal sealed record AccessPolicy(bool AllowByDefault, EquatableArray<AccessRule> Rules);
