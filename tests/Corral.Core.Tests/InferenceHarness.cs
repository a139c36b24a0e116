using Corral.Api.Models;
using Corral.Core.Generation;
using Corral.Core.Models;
using Corral.Core.Prompting;
using Corral.Core.Scheduling;
using Corral.Core.Store;
using Corral.TestKit;
using Microsoft.Extensions.Logging.Abstractions;

namespace Corral.Core.Tests;

/// <summary>An inference service over a real store holding the real stories260K as model <c>m</c> (so its facts
/// are real) and a scripted runner factory, on the given clock: what the service does, without llama.cpp.</summary>
internal sealed class InferenceHarness : IAsyncDisposable
{
    private readonly string _root;

    private InferenceHarness(string root, ModelScheduler scheduler, InferenceService service)
    {
        _root = root;
        Scheduler = scheduler;
        Service = service;
    }

    public ModelScheduler Scheduler { get; }

    public InferenceService Service { get; }

    /// <param name="settings">Limits (the models directory is replaced by a temporary one).</param>
    public static async Task<InferenceHarness> CreateAsync(FakeRunnerFactory runners, TimeProvider time, CoreSettings settings, CancellationToken cancellationToken)
    {
        var root = Directory.CreateTempSubdirectory("corral-inference-").FullName;
        settings = settings with { ModelsDirectory = root };
        var store = new ModelStore(root);
        var prompts = new PromptRenderer(NullLogger<PromptRenderer>.Instance);
        await using (var file = File.OpenRead(TestModels.Stories260K))
        {
            var digest = await store.Blobs.WriteAsync(file, null, cancellationToken);
            var create = new CreateRequest { Model = "m", Files = new() { ["m.gguf"] = digest.ToString() } };
            await foreach (var _ in new ModelCreator(store, prompts).CreateAsync(create, cancellationToken))
            {
            }
        }

        var scheduler = new ModelScheduler(runners, settings.ToSchedulerOptions(), time, NullLogger<ModelScheduler>.Instance);
        var service = new InferenceService(store, scheduler, new ModelCatalog(store, scheduler, prompts), prompts, settings, time,
            NullLogger<InferenceService>.Instance);
        return new InferenceHarness(root, scheduler, service);
    }

    public async ValueTask DisposeAsync()
    {
        await Scheduler.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }
}
