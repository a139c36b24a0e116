using System.Collections.Concurrent;
using Corral.Routing.Configuration;
using Corral.Routing.Upstreams;

namespace Corral.Routing.Policies;

/// <summary>
/// What the router knows about each frontier target's health: cooldowns after rate limits and exhausted quota, and a
/// circuit breaker with half-open probes for failures that say the upstream is down. Rate limits and the breaker are
/// per target (<c>provider/model</c>); quota and auth failures are per provider (one key pays for all its models).
/// Local targets are never cooled down: they are the last resort, and a loading model is not a failure.
/// </summary>
public sealed class HealthBoard(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, TargetState> _states = new(StringComparer.Ordinal);

    /// <summary>Whether a target may be tried now. <see cref="Availability.Probe"/> means the circuit is half-open and
    /// this caller is the one probe let through; it must report <see cref="Succeeded"/> or <see cref="Failed"/>.</summary>
    public Availability Check(TargetConfig target, bool isLocal, CooldownConfig cooldowns)
    {
        if (isLocal)
        {
            return Availability.Available;
        }

        var now = time.GetUtcNow();
        if (_states.TryGetValue(ProviderKey(target), out var provider))
        {
            lock (provider)
            {
                if (provider.CooldownUntil(now) is { } providerUntil)
                {
                    return Availability.CoolingDown(providerUntil, provider.Reason);
                }
            }
        }

        if (!_states.TryGetValue(TargetKey(target), out var state))
        {
            return Availability.Available;
        }

        lock (state)
        {
            if (state.CooldownUntil(now) is { } until)
            {
                return Availability.CoolingDown(until, state.Reason);
            }

            if (state.OpenUntil is { } open)
            {
                if (now < open)
                {
                    return Availability.CoolingDown(open, "circuit_open");
                }

                if (state.ProbeInFlight)
                {
                    return Availability.CoolingDown(now + cooldowns.BreakerOpen, "circuit_half_open");
                }

                state.ProbeInFlight = true;
                return Availability.Probe;
            }

            return Availability.Available;
        }
    }

    /// <summary>An attempt reached its first token: the target is healthy, the circuit closes.</summary>
    public void Succeeded(TargetConfig target, bool isLocal)
    {
        if (isLocal || !_states.TryGetValue(TargetKey(target), out var state))
        {
            return;
        }

        lock (state)
        {
            state.ConsecutiveFailures = 0;
            state.OpenUntil = null;
            state.ProbeInFlight = false;
        }
    }

    /// <summary>Records a failure and returns the cooldown it started, if any.</summary>
    public TimeSpan? Failed(TargetConfig target, bool isLocal, FailureClass failure, TimeSpan? retryAfter, CooldownConfig cooldowns)
    {
        if (isLocal)
        {
            return null;
        }

        var now = time.GetUtcNow();
        switch (failure)
        {
            case FailureClass.RateLimited:
            {
                var wait = retryAfter is { } r && r > TimeSpan.Zero
                    ? (r < cooldowns.MaxRetryAfter ? r : cooldowns.MaxRetryAfter)
                    : cooldowns.RateLimited;
                var state = StateOf(TargetKey(target));
                lock (state)
                {
                    state.Cooldown = now + wait;
                    state.Reason = failure.Name();
                    state.ProbeInFlight = false;
                }

                return wait;
            }

            case FailureClass.QuotaExhausted or FailureClass.AuthFailed:
            {
                var state = StateOf(ProviderKey(target));
                lock (state)
                {
                    state.Cooldown = now + cooldowns.QuotaExhausted;
                    state.Reason = failure.Name();
                }

                ReleaseProbe(target);
                return cooldowns.QuotaExhausted;
            }

            case FailureClass.BadRequest:
                ReleaseProbe(target);
                return null;

            default:
            {
                var state = StateOf(TargetKey(target));
                lock (state)
                {
                    state.ConsecutiveFailures++;
                    if (state.ProbeInFlight || state.ConsecutiveFailures >= cooldowns.BreakerFailures)
                    {
                        state.OpenUntil = now + cooldowns.BreakerOpen;
                        state.ProbeInFlight = false;
                        return cooldowns.BreakerOpen;
                    }
                }

                return null;
            }
        }
    }

    /// <summary>A probe that ended without telling anything about health (the client left): let another probe through.</summary>
    public void ReleaseProbe(TargetConfig target)
    {
        if (_states.TryGetValue(TargetKey(target), out var state))
        {
            lock (state)
            {
                state.ProbeInFlight = false;
            }
        }
    }

    /// <summary>Forgets every state (a reloaded routes file may name other targets; old states then age out).</summary>
    public void Clear() => _states.Clear();

    private TargetState StateOf(string key) => _states.GetOrAdd(key, static _ => new TargetState());

    private static string TargetKey(TargetConfig target) => target.Provider + "/" + target.Model;

    private static string ProviderKey(TargetConfig target) => target.Provider + "/*";

    private sealed class TargetState
    {
        public int ConsecutiveFailures;
        public DateTimeOffset? OpenUntil;
        public bool ProbeInFlight;
        public DateTimeOffset? Cooldown;
        public string Reason = "";

        public DateTimeOffset? CooldownUntil(DateTimeOffset now) => Cooldown is { } until && now < until ? until : null;
    }
}

/// <summary>Whether a target may be tried now.</summary>
public readonly record struct Availability(bool CanTry, bool IsProbe, DateTimeOffset? Until, string? Reason)
{
    public static readonly Availability Available = new(true, false, null, null);

    public static readonly Availability Probe = new(true, true, null, null);

    public static Availability CoolingDown(DateTimeOffset until, string reason) => new(false, false, until, reason);
}
