namespace Junction.Injection;

/// <summary>What one caBundle check did.</summary>
internal enum CaBundleResult
{
    /// <summary>Every webhook already carries the bundle: nothing was written.</summary>
    Unchanged,

    /// <summary>The bundle was written into the webhooks that lacked it.</summary>
    Written,

    /// <summary>The configuration does not exist (not deployed yet, or deployed under another name).</summary>
    ConfigurationMissing,
}
