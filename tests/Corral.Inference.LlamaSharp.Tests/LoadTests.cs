using Corral.TestKit;

namespace Corral.Inference.LlamaSharp.Tests;

public sealed class LoadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Loads_reports_info_and_unloads()
    {
        var progress = new List<float>();
        var factory = new LlamaSharpRunnerFactory();
        var runner = await factory.LoadAsync(
            new RunnerLoadRequest { ModelPath = TestModels.Stories260K, ContextLength = 128, Parallel = 2, Threads = 1 },
            new SynchronousProgress(progress.Add), Ct);
        try
        {
            var info = runner.Info;
            Assert.Equal(128, info.ContextLength);
            Assert.Equal(2, info.Parallel);
            Assert.Equal(512, info.VocabSize);
            Assert.True(info.TrainedContextLength > 0);
            Assert.True(info.EmbeddingLength > 0);
            Assert.True(info.AddsBos);
            Assert.Equal(1, info.Threads);
            Assert.True(info.SizeBytes > new FileInfo(TestModels.Stories260K).Length / 2);
            Assert.Equal(0, info.SizeVramBytes);
            Assert.Null(info.ChatTemplate);
            Assert.NotEmpty(progress);
            Assert.Equal(1f, progress[^1]);
        }
        finally
        {
            await runner.DisposeAsync();
        }

        Assert.Throws<ObjectDisposedException>(() => runner.Tokenize("x", true, false));
        await runner.DisposeAsync(); // idempotent
    }

    [Fact]
    public async Task Threads_default_to_physical_cores()
    {
        await using var runner = await new LlamaSharpRunnerFactory().LoadAsync(new RunnerLoadRequest { ModelPath = TestModels.Stories260K, ContextLength = 64 }, null, Ct);
        Assert.Equal(PhysicalCores.Count, runner.Info.Threads);
    }

    public static TheoryData<string> InvalidFiles() => new(TestModels.Invalid.Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public async Task Refused_files_become_ModelLoadException(string name)
    {
        var path = Path.Combine(TestModels.Directory, "invalid", name);
        var ex = await Assert.ThrowsAsync<ModelLoadException>(() => Load(path));
        AssertSafeMessage(ex, path);
        await AssertStillServes();
    }

    [Fact]
    public async Task Truncated_file_becomes_ModelLoadException()
    {
        var path = Path.Combine(Path.GetTempPath(), $"corral-truncated-{Guid.NewGuid():N}.gguf");
        var bytes = await File.ReadAllBytesAsync(TestModels.Stories260K, Ct);
        await File.WriteAllBytesAsync(path, bytes.AsSpan(0, bytes.Length / 2).ToArray(), Ct);
        try
        {
            var ex = await Assert.ThrowsAsync<ModelLoadException>(() => Load(path));
            AssertSafeMessage(ex, path);
        }
        finally
        {
            File.Delete(path);
        }

        await AssertStillServes();
    }

    [Theory]
    [InlineData("not a model at all, just some text that is long enough")]
    [InlineData("GG")]
    public async Task Non_gguf_file_becomes_ModelLoadException(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"corral-text-{Guid.NewGuid():N}.gguf");
        await File.WriteAllTextAsync(path, content, Ct);
        try
        {
            var ex = await Assert.ThrowsAsync<ModelLoadException>(() => Load(path));
            AssertSafeMessage(ex, path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Missing_file_becomes_ModelLoadException()
    {
        var path = Path.Combine(Path.GetTempPath(), "corral-missing", "nothing.gguf");
        var ex = await Assert.ThrowsAsync<ModelLoadException>(() => Load(path));
        AssertSafeMessage(ex, path);
    }

    [Fact]
    public async Task Cancelled_load_throws_OperationCanceledException()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new LlamaSharpRunnerFactory().LoadAsync(new RunnerLoadRequest { ModelPath = TestModels.Stories260K }, null, cts.Token).AsTask());
    }

    private static async Task Load(string path)
    {
        await using var runner = await new LlamaSharpRunnerFactory().LoadAsync(new RunnerLoadRequest { ModelPath = path, ContextLength = 64 }, null, Ct);
    }

    private static void AssertSafeMessage(ModelLoadException ex, string path)
    {
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        Assert.DoesNotContain(Path.GetDirectoryName(path)!, ex.Message, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(path), ex.Message, StringComparison.Ordinal);
    }

    private static async Task AssertStillServes()
    {
        await using var runner = await new LlamaSharpRunnerFactory().LoadAsync(new RunnerLoadRequest { ModelPath = TestModels.Stories260K, ContextLength = 64 }, null, Ct);
        var result = await Generation.RunAsync(runner, Generation.Prompt(runner, "Once", 4), Ct);
        Assert.Equal(4, result.Stats.GeneratedTokens);
    }

    private sealed class SynchronousProgress(Action<float> report) : IProgress<float>
    {
        public void Report(float value) => report(value);
    }
}
