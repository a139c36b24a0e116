using Corral.Routing.Configuration;
using Corral.Routing.Preloading;
using static Corral.Routing.Tests.RoutesConfiguration.RoutesFileTestData;

namespace Corral.Routing.Tests.RoutesConfiguration;

/// <summary>A route's <c>preload: true</c> and <c>keep_alive</c>.</summary>
public sealed class RoutesFilePreloadTests
{
    [Fact]
    public void Preload_and_keep_alive_are_read_per_route()
    {
        var config = Parse(Providers + """

            routes:
              forever:
                targets: [anthropic/claude, local/qwen3]
                preload: true
                keep_alive: -1
              half-hour:
                targets: [local/llama]
                preload: true
                keep_alive: 30m
              default:
                targets: [local/mistral]
                preload: true
              off:
                targets: [local/phi]
                preload: false
              plain:
                targets: [local/phi]
            """);

        Assert.True(config.Routes["forever"].Preload!.KeepForever);
        Assert.Equal(TimeSpan.FromMinutes(30), config.Routes["half-hour"].Preload!.KeepAlive);
        Assert.False(config.Routes["half-hour"].Preload!.KeepForever);
        Assert.Equal(new PreloadConfig(), config.Routes["default"].Preload);
        Assert.Null(config.Routes["off"].Preload);
        Assert.Null(config.Routes["plain"].Preload);
    }

    [Fact]
    public void Bad_preload_keys_are_named_with_their_position()
    {
        var errors = Errors(Providers + """

            routes:
              a:
                targets: [local/tiny]
                keep_alive: 5m
              b:
                targets: [local/tiny]
                preload: true
                keep_alive: 0
              c:
                targets: [local/tiny]
                preload: true
                keep_alive: 300
              d:
                targets: [anthropic/claude, openai/gpt]
                preload: true
              e:
                targets: [local/tiny]
                preload: maybe
              f:
                targets: [local/tiny]
                preload: true
                keep_alive: -5m
            """);
        Assert.Equal(
        [
            "routes.yaml:9:17: routes.a.keep_alive only applies with preload: true (it is how long preloaded models stay loaded)",
            "routes.yaml:13:17: routes.b.keep_alive must not be 0: that would unload the models right after loading them (use -1 for forever or a duration such as 30m)",
            "routes.yaml:17:17: routes.c.keep_alive must be -1 (forever) or a duration with a unit such as 30m or 2h, not a bare number",
            "routes.yaml:20:14: routes.d.preload: none of the route's targets is local, so there is nothing to preload",
            "routes.yaml:23:14: routes.e.preload must be true or false",
            "routes.yaml:27:17: routes.f.keep_alive must be greater than zero",
        ], errors);
    }

    [Fact]
    public void The_plan_loads_each_local_model_once_with_the_longest_keep_alive()
    {
        var config = Parse(Providers + """

            routes:
              smart:
                targets: [anthropic/claude, local/qwen3]
                preload: true
                keep_alive: 30m
              triage:
                targets: [openai/gpt]
                fast_path: {target: local/QWEN3, rules: [{task: classify}]}
                shadow: {target: local/llama, sample: 0.1}
                preload: true
                keep_alive: -1
              warm:
                targets: [local/llama, local/phi]
                preload: true
              cold:
                targets: [local/mistral]
            """);

        var plan = PreloadTarget.Of(config);

        Assert.Equal(3, plan.Count);
        Assert.Equal(("local", "qwen3", Timeout.InfiniteTimeSpan), (plan[0].Provider, plan[0].Model, plan[0].KeepAlive));
        Assert.Equal(["smart", "triage"], plan[0].Routes);
        Assert.Equal(("llama", Timeout.InfiniteTimeSpan), (plan[1].Model, plan[1].KeepAlive));
        Assert.Equal(["triage", "warm"], plan[1].Routes);
        Assert.Equal(("phi", (TimeSpan?)null), (plan[2].Model, plan[2].KeepAlive));
        Assert.Equal(["warm"], plan[2].Routes);
        Assert.Empty(PreloadTarget.Of(Parse(Providers + "\nroutes:\n  cold:\n    targets: [local/mistral]\n")));
    }
}
