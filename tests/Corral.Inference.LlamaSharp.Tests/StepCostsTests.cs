using Corral.TestKit;

namespace Corral.Inference.LlamaSharp.Tests;

/// <summary>When generation steps decode their sequences one at a time instead of together.</summary>
public sealed class StepCostsTests
{
    private static StepCosts Measured(double one, double two, double four)
    {
        var costs = new StepCosts(4);
        for (var i = 0; i < 8; i++)
        {
            costs.Record(1, one);
            costs.Record(2, two);
            costs.Record(4, four);
        }

        return costs;
    }

    private static int SplitSteps(StepCosts costs, int tokens, int steps) => Enumerable.Range(0, steps).Count(_ => costs.Split(tokens));

    [Fact]
    public void Tokens_are_decoded_together_unless_that_costs_more_than_decoding_them_alone()
    {
        // The qwen2-0.5b Q4_K_M shape: 2 tokens cost 2.3x one, 4 tokens 3.0x.
        var costs = Measured(0.0145, 0.0330, 0.0435);
        Assert.Equal(64 - 2, SplitSteps(costs, 2, 64)); // alone, but batched again every 32nd step to re-measure
        Assert.Equal(2, SplitSteps(costs, 4, 64));      // together, alone every 32nd step
    }

    [Fact]
    public void Batching_is_kept_where_it_pays()
    {
        var costs = Measured(0.010, 0.011, 0.013);
        Assert.Equal(2, SplitSteps(costs, 2, 64)); // only the re-measuring steps
    }

    [Fact]
    public void An_unknown_single_step_cost_is_learnt_now_and_then()
    {
        var costs = new StepCosts(4);
        for (var i = 0; i < 8; i++)
        {
            costs.Record(2, 0.02);
        }

        Assert.Equal(64 / StepCosts.ExploreEvery, SplitSteps(costs, 2, 64));
    }

    [Fact]
    public void Nothing_is_split_before_the_batched_cost_is_known()
    {
        var costs = new StepCosts(4);
        for (var i = 0; i < 8; i++)
        {
            costs.Record(1, 0.01);
        }

        Assert.Equal(0, SplitSteps(costs, 2, 64));
    }

    [Fact]
    public async Task Sequences_decoded_one_at_a_time_produce_what_each_produces_alone()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var runner = (LlamaSharpRunner)await new LlamaSharpRunnerFactory().LoadAsync(
            new RunnerLoadRequest { ModelPath = TestModels.Stories260K, ContextLength = 256, Parallel = 4, BatchSize = 32 }, null, ct);
        runner.Loop.SplitOverride = true;
        await Batching.AssertConcurrentMatchesAlone(runner, ["Once upon a time, there was a little girl", "Tom and his dog went to the park", "The sun was", "Lily wanted to play with her big red ball"], ct);
    }
}
