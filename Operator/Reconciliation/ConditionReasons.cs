using Junction.Translation;

namespace Junction.Reconciliation;

/// <summary>The CamelCase reasons conditions carry.</summary>
internal static class ConditionReasons
{
    /// <summary>Accepted=True: the spec is valid.</summary>
    public const string Accepted = "Accepted";

    /// <summary>Accepted=True: some routes are invalid and were left out; the rest are programmed.</summary>
    public const string PartiallyInvalid = "PartiallyInvalid";

    /// <summary>Accepted=False (and the other conditions): the spec is invalid.</summary>
    public const string Invalid = "Invalid";

    /// <summary>ResolvedRefs=True.</summary>
    public const string ResolvedRefs = "ResolvedRefs";

    /// <summary>A referenced Service does not exist.</summary>
    public const string BackendNotFound = "BackendNotFound";

    /// <summary>A referenced Service exists but does not have the port.</summary>
    public const string PortNotFound = "PortNotFound";

    /// <summary>A referenced Secret does not exist.</summary>
    public const string SecretNotFound = "SecretNotFound";

    /// <summary>spec.mtls.mode is Strict in Gateway mode and a backend is not meshed.</summary>
    public const string BackendNotMeshed = "BackendNotMeshed";

    /// <summary>Programmed=True.</summary>
    public const string Programmed = "Programmed";

    /// <summary>Writing a child failed.</summary>
    public const string ApplyFailed = "ApplyFailed";

    /// <summary>An object with a child's name exists and another controller (or none) owns it.</summary>
    public const string Conflict = "Conflict";

    /// <summary>Ready=True.</summary>
    public const string Ready = "Ready";

    /// <summary>Ready=False because the children are not programmed.</summary>
    public const string NotProgrammed = "NotProgrammed";

    /// <summary>Ready: a field the spec sets is accepted but no proxy enforces it yet.</summary>
    public const string NotEnforced = EnforcementGaps.Reason;

    /// <summary>
    /// Programmed=False: a proxy instance refused (NACKed) the config of the current generation;
    /// the message is HAProxy's own, and the proxy keeps serving its previous config.
    /// </summary>
    public const string ProxyRejected = "ProxyRejected";

    /// <summary>Ready=False: no proxy instance must run the policy (no pod selected, or zero replicas), so none enforces it.</summary>
    public const string NoProxies = "NoProxies";

    /// <summary>Ready=False: a pod the policy covers has no Junction sidecar (not injected, and no agent of it reports), so nothing enforces the policy there.</summary>
    public const string SidecarMissing = "SidecarMissing";

    /// <summary>Ready=False because not every proxy (replica or sidecar) runs the current config.</summary>
    public const string ProxyNotReady = "ProxyNotReady";

    /// <summary>
    /// Ready=False because the proxy Deployment has given up progressing (pods crash-loop, or the
    /// config check in init container config-check keeps failing, past the progress deadline).
    /// </summary>
    public const string ProxyFailing = "ProxyFailing";

    /// <summary>Ready=False because the Ingress has no address yet.</summary>
    public const string AddressPending = "AddressPending";
}
