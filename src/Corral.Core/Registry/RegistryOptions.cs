namespace Corral.Core.Registry;

/// <summary>
/// How Corral talks to registries. One instance is shared by the server's registry services; its settable
/// properties are read at the time of each request, so a test (or an admin action) can change them at run time.
/// </summary>
public sealed class RegistryOptions
{
    /// <summary>Environment variable that lets registry hosts resolve to loopback, link-local or metadata addresses.</summary>
    public static string AllowPrivateVariable => Configuration.EnvironmentVariables.AllowPrivateRegistries.Name;

    /// <summary>Allow registries on loopback, link-local (169.254/16, fe80::/10) and cloud-metadata addresses.</summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>A part that receives no bytes for this long is abandoned and retried.</summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Failed attempts allowed per part (reset whenever an attempt makes progress).</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>First retry delay; doubles per failed attempt up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest retry delay.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most ranged requests in flight per blob.</summary>
    public int MaxParallelParts { get; set; } = 16;

    /// <summary>
    /// A download starts with one stream and opens up to <see cref="MaxParallelParts"/> as soon as that stream has
    /// averaged less than this many bytes per second since it started (checked every <see cref="RampInterval"/>).
    /// Faster than this (a registry on loopback or the LAN), the pull is bound by local CPU, and one stream, hashed as
    /// it arrives, is fastest (docs/BENCHMARKS.md, "Registry pull throughput"). <see cref="double.PositiveInfinity"/>
    /// opens every stream at once, as Ollama does.
    /// </summary>
    public double SingleStreamRate { get; set; } = 128 << 20;

    /// <summary>How often the single stream's average rate is checked.</summary>
    public TimeSpan RampInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Smallest part (a blob is split into <see cref="MaxParallelParts"/> parts clamped to this range).</summary>
    public long MinPartSize { get; set; } = 100L << 20;

    /// <summary>Largest part.</summary>
    public long MaxPartSize { get; set; } = 1000L << 20;

    /// <summary>Largest manifest accepted from a registry.</summary>
    public int MaxManifestBytes { get; set; } = 4 << 20;

    /// <summary>Most layers a manifest may list.</summary>
    public int MaxLayers { get; set; } = 4096;

    /// <summary>Unfinished downloads untouched for longer than this are removed at server start (unless <see cref="NoPrune"/>).</summary>
    public TimeSpan StalePartialAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Keep unfinished downloads at start however old (<c>CORRAL_NOPRUNE</c>/<c>OLLAMA_NOPRUNE</c>).</summary>
    public bool NoPrune { get; set; }

    /// <summary>How often a pull reports progress.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(60);

    /// <summary>
    /// Wraps the HTTP handler every registry request goes through (diagnostics, fault injection in tests). Read once,
    /// when the registry client is first used.
    /// </summary>
    public Func<HttpMessageHandler, HttpMessageHandler>? WrapHandler { get; set; }

    /// <summary>
    /// Registries (<c>host[:port]</c>) whose token requests are signed with the user's Ollama key when no Basic
    /// credentials are configured for them, as Ollama does. Other registries never see the key.
    /// </summary>
    public ISet<string> KeySignedRegistries { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "registry.ollama.ai", "ollama.com" };

    /// <summary>The Ollama identity key (OpenSSH Ed25519), created on first use when missing.</summary>
    public string KeyPath { get; set; } = OllamaKey.DefaultPath;

    /// <summary>Basic credentials per registry host (<c>user:password</c>); sent only to that host's own token realm.</summary>
    public IDictionary<string, string> Credentials { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads <see cref="AllowPrivateVariable"/> (<c>1</c>/<c>true</c> allows private addresses).</summary>
    public static RegistryOptions FromEnvironment(Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var allow = lookup(AllowPrivateVariable)?.Trim().ToLowerInvariant();
        return new RegistryOptions
        {
            AllowPrivateAddresses = allow is "1" or "true" or "yes",
            NoPrune = Configuration.EnvironmentVariables.NoPrune.IsOn(lookup),
        };
    }

    /// <summary>Part size for a blob of <paramref name="total"/> bytes.</summary>
    public long PartSizeFor(long total) =>
        Math.Clamp(total / Math.Max(1, MaxParallelParts), MinPartSize, Math.Max(MinPartSize, MaxPartSize));
}
