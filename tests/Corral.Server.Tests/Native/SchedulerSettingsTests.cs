using Corral.Core.Scheduling;

namespace Corral.Server.Tests.Native;

/// <summary>The scheduler's environment variables (and their <c>OLLAMA_</c> aliases) reach the scheduler's options.</summary>
public sealed class SchedulerSettingsTests
{
    private static ServerSettings From(params (string Name, string Value)[] variables) =>
        ServerSettings.FromEnvironment(name => variables.FirstOrDefault(v => v.Name == name).Value);

    [Fact]
    public void Defaults_are_5m_keep_alive_3_models_512_queued_and_automatic_parallelism()
    {
        var core = From().Core;
        var options = core.ToSchedulerOptions();
        Assert.Equal(KeepAlive.For(TimeSpan.FromMinutes(5)), options.DefaultKeepAlive);
        Assert.Equal(3, options.MaxLoadedModels);
        Assert.Equal(512, options.MaxQueue);
        Assert.Equal(4, options.MaxAutoParallel);
        Assert.True(core.NumParallelIsDefault);
    }

    [Fact]
    public void Corral_variables_set_the_limits()
    {
        var core = From(("CORRAL_KEEP_ALIVE", "10m"), ("CORRAL_MAX_LOADED_MODELS", "2"), ("CORRAL_MAX_QUEUE", "7"), ("CORRAL_NUM_PARALLEL", "3")).Core;
        var options = core.ToSchedulerOptions();
        Assert.Equal(KeepAlive.For(TimeSpan.FromMinutes(10)), options.DefaultKeepAlive);
        Assert.Equal(2, options.MaxLoadedModels);
        Assert.Equal(7, options.MaxQueue);
        Assert.False(core.NumParallelIsDefault);
        Assert.Equal(3, core.NumParallel);
    }

    [Fact]
    public void Ollama_aliases_work_and_a_negative_keep_alive_is_forever()
    {
        var core = From(("OLLAMA_KEEP_ALIVE", "-1"), ("OLLAMA_MAX_LOADED_MODELS", "1"), ("OLLAMA_MAX_QUEUE", "9"), ("OLLAMA_NUM_PARALLEL", "2")).Core;
        var options = core.ToSchedulerOptions();
        Assert.True(options.DefaultKeepAlive.IsForever);
        Assert.Equal(1, options.MaxLoadedModels);
        Assert.Equal(9, options.MaxQueue);
        Assert.False(core.NumParallelIsDefault);
        Assert.Equal(2, core.NumParallel);
    }

    [Fact]
    public void Zero_means_the_default_and_automatic_parallelism_as_in_Ollama()
    {
        var core = From(("CORRAL_NUM_PARALLEL", "0"), ("CORRAL_MAX_QUEUE", "0"), ("CORRAL_MAX_LOADED_MODELS", "0"), ("CORRAL_CONTEXT_LENGTH", "0")).Core;
        Assert.True(core.NumParallelIsDefault);
        Assert.Equal(512, core.MaxQueue);
        Assert.Equal(3, core.MaxLoadedModels);
        Assert.Equal(0, core.DefaultContextLength); // 0: each model's trained context
    }

    [Theory]
    [InlineData("CORRAL_NUM_PARALLEL", "four")]
    [InlineData("OLLAMA_NUM_PARALLEL", "-2")]
    [InlineData("CORRAL_MAX_QUEUE", "1e3")]
    [InlineData("CORRAL_MAX_LOADED_MODELS", "99999999999")]
    [InlineData("CORRAL_CONTEXT_LENGTH", "8k")]
    [InlineData("CORRAL_KEEP_ALIVE", "five minutes")]
    public void A_value_that_is_not_valid_stops_the_start_and_names_the_variable(string name, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => From((name, value)));
        Assert.StartsWith(name.Replace("OLLAMA_", "CORRAL_", StringComparison.Ordinal) + ": '" + value + "'", error.Message, StringComparison.Ordinal);
    }
}
