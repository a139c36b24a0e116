using Corral.Routing.Configuration;
using Corral.Routing.Upstreams;

namespace Corral.Routing;

/// <summary>One provider instance (one HttpClient, one connection pool) per provider of a configuration. A reloaded
/// routes file brings new <see cref="ProviderConfig"/> objects and so new providers; <see cref="Retire"/> disposes the
/// ones the new configuration no longer uses after a grace period, so streams still running on them can finish.</summary>
public sealed class ProviderCache(Func<ProviderConfig, IChatProvider> create, TimeProvider? time = null) : IDisposable
{
    /// <summary>How long a replaced provider stays usable for calls that started before the reload.</summary>
    public static readonly TimeSpan RetireGrace = TimeSpan.FromMinutes(10);

    private readonly Dictionary<ProviderConfig, IChatProvider> _providers = new(ReferenceEqualityComparer.Instance);
    private readonly List<ITimer> _pending = [];
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public IChatProvider Get(RouterConfig config, string name)
    {
        if (!config.Providers.TryGetValue(name, out var provider))
        {
            throw new InvalidOperationException($"provider '{name}' is not configured");
        }

        lock (_providers)
        {
            if (!_providers.TryGetValue(provider, out var instance))
            {
                instance = create(provider);
                _providers.Add(provider, instance);
            }

            return instance;
        }
    }

    /// <summary>Schedules the disposal of providers that <paramref name="current"/> does not contain.</summary>
    public void Retire(RouterConfig current)
    {
        var live = new HashSet<ProviderConfig>(current.Providers.Values, ReferenceEqualityComparer.Instance);
        List<IChatProvider> retired = [];
        lock (_providers)
        {
            foreach (var (config, instance) in _providers.ToArray())
            {
                if (!live.Contains(config))
                {
                    _providers.Remove(config);
                    retired.Add(instance);
                }
            }

            if (retired.Count > 0)
            {
                ITimer? timer = null;
                timer = _time.CreateTimer(_ =>
                {
                    DisposeAll(retired);
                    lock (_providers)
                    {
                        _pending.Remove(timer!);
                    }

                    timer!.Dispose();
                }, null, RetireGrace, Timeout.InfiniteTimeSpan);
                _pending.Add(timer);
            }
        }
    }

    public void Dispose()
    {
        lock (_providers)
        {
            DisposeAll(_providers.Values);
            _providers.Clear();
            foreach (var timer in _pending)
            {
                timer.Dispose();
            }

            _pending.Clear();
        }
    }

    private static void DisposeAll(IEnumerable<IChatProvider> providers)
    {
        foreach (var provider in providers)
        {
            (provider as IDisposable)?.Dispose();
        }
    }
}
