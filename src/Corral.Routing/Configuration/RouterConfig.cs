using Corral.Routing.Upstreams;

namespace Corral.Routing.Configuration;

/// <summary>A validated routes file. Immutable: a reload builds a new one and swaps it in whole.</summary>
public sealed record RouterConfig
{
    public static readonly RouterConfig Empty = new();

    /// <summary>By name. Always contains <c>local</c> (Corral's own models) even when the file does not declare it.</summary>
    public IReadOnlyDictionary<string, ProviderConfig> Providers { get; init; } = new Dictionary<string, ProviderConfig>(StringComparer.Ordinal);

    /// <summary>By virtual model name (<c>smart</c>, <c>fast</c>, <c>claude-sonnet-4-5</c>, ...), matched exactly.</summary>
    public IReadOnlyDictionary<string, RouteConfig> Routes { get; init; } = new Dictionary<string, RouteConfig>(StringComparer.Ordinal);

    public CooldownConfig Cooldowns { get; init; } = new();

    public LogConfig Log { get; init; } = new();
}

public enum ProviderKind
{
    /// <summary>Anthropic's Messages API (<c>POST {base_url}/v1/messages</c>, <c>x-api-key</c>).</summary>
    Anthropic,

    /// <summary>OpenAI's Chat Completions API or any compatible server (<c>POST {base_url}/chat/completions</c>, Bearer).</summary>
    OpenAI,

    /// <summary>Corral's own models.</summary>
    Local,
}

public sealed record ProviderConfig
{
    public required string Name { get; init; }

    public required ProviderKind Kind { get; init; }

    /// <summary>API root: default <c>https://api.anthropic.com</c> for Anthropic (no <c>/v1</c>) and
    /// <c>https://api.openai.com/v1</c> for OpenAI. Null for local.</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>The key, read from <c>api_key_env</c> or <c>api_key_file</c>; never logged (ToString redacts).</summary>
    public Secret? ApiKey { get; init; }

    /// <summary>Extra headers sent with every request (e.g. <c>anthropic-beta</c>, <c>OpenAI-Organization</c>).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Budgets for targets of this provider that do not set their own.</summary>
    public TargetTimeouts Timeouts { get; init; } = TargetTimeouts.None;

    /// <summary>US dollars per million tokens, by model id; used for cost and cost-avoided estimates.</summary>
    public IReadOnlyDictionary<string, ModelPrice> Prices { get; init; } = new Dictionary<string, ModelPrice>(StringComparer.Ordinal);
}

/// <summary>US dollars per million tokens.</summary>
public sealed record ModelPrice(decimal Input, decimal Output, decimal? CachedInput = null);

/// <summary>A provider and the model id it knows (e.g. <c>anthropic</c> + <c>claude-sonnet-4-5</c>, <c>local</c> +
/// <c>qwen3:8b</c>). Written in the file as <c>provider/model</c> or as a map with timeouts.</summary>
public sealed record TargetConfig
{
    public required string Provider { get; init; }

    public required string Model { get; init; }

    /// <summary>Already merged with the provider's when the routes file is read (the target's values win).</summary>
    public TargetTimeouts Timeouts { get; init; } = TargetTimeouts.None;

    public override string ToString() => $"{Provider}/{Model}";
}

/// <summary>A virtual model name and how to answer it.</summary>
public sealed record RouteConfig
{
    public required string Name { get; init; }

    /// <summary>Fallback order: the first is primary; on a failure that allows it, the next one is tried.</summary>
    public required IReadOnlyList<TargetConfig> Targets { get; init; }

    /// <summary>Optional: calls matching a rule go to a local target instead.</summary>
    public FastPathConfig? FastPath { get; init; }

    /// <summary>Optional: a sampled share of calls also goes to another target, logged under one pair id.</summary>
    public ShadowConfig? Shadow { get; init; }

    /// <summary>Optional (<c>preload: true</c>): the route's local targets are loaded in the background whenever the
    /// routes file is loaded or reloaded.</summary>
    public PreloadConfig? Preload { get; init; }

    /// <summary>Every target the route can call: its targets, then its fast-path and shadow targets.</summary>
    public IReadOnlyList<TargetConfig> AllTargets() => AllTargets(Targets, FastPath, Shadow);

    internal static List<TargetConfig> AllTargets(IEnumerable<TargetConfig> targets, FastPathConfig? fastPath, ShadowConfig? shadow)
    {
        var all = new List<TargetConfig>(targets);
        if (fastPath is not null)
        {
            all.Add(fastPath.Target);
        }

        if (shadow is not null)
        {
            all.Add(shadow.Target);
        }

        return all;
    }
}

/// <summary>A route's <c>preload: true</c> and its <c>keep_alive</c>.</summary>
public sealed record PreloadConfig
{
    /// <summary>How long preloaded models stay loaded when idle: null = the server's default keep-alive;
    /// <see cref="Timeout.InfiniteTimeSpan"/> = forever (<c>keep_alive: -1</c>).</summary>
    public TimeSpan? KeepAlive { get; init; }

    public bool KeepForever => KeepAlive == Timeout.InfiniteTimeSpan;
}

public sealed record FastPathConfig
{
    /// <summary>Where matching calls go (usually a local model).</summary>
    public required TargetConfig Target { get; init; }

    /// <summary>Any rule matching sends the call to <see cref="Target"/>; rules are tried in order, the first
    /// match is logged (<c>fast_path:task=classify</c>).</summary>
    public required IReadOnlyList<FastPathRule> Rules { get; init; }

    /// <summary>Send the call on to the route's targets when the fast answer does not meet the request's JSON schema.</summary>
    public bool EscalateOnSchemaFailure { get; init; }

    /// <summary>Send the call on when the fast answer had a tool call that did not parse.</summary>
    public bool EscalateOnToolParseFailure { get; init; }
}

/// <summary>One fast-path rule; every condition it sets must hold (AND); an unset condition holds.</summary>
public sealed record FastPathRule
{
    /// <summary>Matches the <c>X-Corral-Task</c> header (or <c>metadata.task</c>), case-insensitive.</summary>
    public IReadOnlyList<string>? Tasks { get; init; }

    /// <summary>Matches when the request's estimated prompt tokens (characters / 4) are at most this.</summary>
    public int? MaxPromptTokens { get; init; }

    /// <summary>Matches when the request does (true) or does not (false) carry a JSON schema / format.</summary>
    public bool? HasSchema { get; init; }

    /// <summary>Matches when the request does (true) or does not (false) carry tools.</summary>
    public bool? HasTools { get; init; }

    /// <summary>How the log names this rule: <c>task=classify</c>, <c>max_prompt_tokens=2000</c>, ...</summary>
    public required string Description { get; init; }
}

public sealed record ShadowConfig
{
    public required TargetConfig Target { get; init; }

    /// <summary>Share of calls shadowed, 0..1.</summary>
    public required double SampleRate { get; init; }
}

public sealed record CooldownConfig
{
    /// <summary>After a 429 without <c>Retry-After</c>.</summary>
    public TimeSpan RateLimited { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Upper bound on a <c>Retry-After</c> honoured.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>After quota/billing exhaustion or an auth failure.</summary>
    public TimeSpan QuotaExhausted { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Consecutive failures (connect, timeout, 5xx, overloaded, stream cut) that open a target's circuit.</summary>
    public int BreakerFailures { get; init; } = 3;

    /// <summary>How long an open circuit stays open before one half-open probe is let through.</summary>
    public TimeSpan BreakerOpen { get; init; } = TimeSpan.FromSeconds(30);
}

public enum LogContent
{
    /// <summary>Only a SHA-256 of the prompt and the answer (default).</summary>
    Hash,

    /// <summary>The prompt messages and the answer text.</summary>
    Full,
}

public sealed record LogConfig
{
    /// <summary>SQLite database file; null = <c>router.db</c> beside the models directory (set by the server).</summary>
    public string? Path { get; init; }

    /// <summary>Also append every record as one JSON line to this file.</summary>
    public string? Jsonl { get; init; }

    public LogContent Content { get; init; } = LogContent.Hash;
}

/// <summary>A key read from an environment variable or a file. <see cref="ToString"/> never shows it.</summary>
public sealed class Secret(string value, string source)
{
    /// <summary>The key itself: only for the Authorization/x-api-key header.</summary>
    public string Reveal() => value;

    /// <summary>Where it came from (<c>env:ANTHROPIC_API_KEY</c>, <c>file:...</c>), for messages.</summary>
    public string Source { get; } = source;

    public override string ToString() => $"<secret from {Source}>";
}
