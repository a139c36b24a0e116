using LLama.Common;
using LLama.Exceptions;
using LLama.Extensions;
using LLama.Native;
using Microsoft.Extensions.Logging;

namespace Corral.Inference.LlamaSharp;

/// <summary>Turns a <see cref="RunnerLoadRequest"/> into native model and context handles (blocking; call off the request thread).</summary>
internal static class ModelLoader
{
    /// <summary>"All layers" for llama.cpp's n_gpu_layers.</summary>
    private const int AllLayers = 999;

    public static LlamaSharpRunner Load(RunnerLoadRequest request, IProgress<float>? progress, ILogger? logger, CancellationToken cancellationToken)
    {
        Validate(request);
        NativeBackend.EnsureConfigured(logger);
        GgufPreflight.Check(request.ModelPath);
        if (request.AdapterPath is not null)
        {
            GgufPreflight.Check(request.AdapterPath);
        }

        var threads = request.Threads > 0 ? request.Threads : PhysicalCores.Count;
        var parameters = CreateParameters(request, threads);
        var fileName = Path.GetFileName(request.ModelPath);

        SafeLlamaModelHandle? model = null;
        SafeLLamaContextHandle? context = null;
        try
        {
            NativeBackend.BeginCapture();
            string modelLog;
            using (parameters.ToLlamaModelParams(out var modelParams))
            {
                modelParams.progress_callback = (value, _) =>
                {
                    progress?.Report(Math.Clamp(value, 0f, 1f));
                    return !cancellationToken.IsCancellationRequested;
                };
                try
                {
                    model = SafeLlamaModelHandle.LoadFromFile(request.ModelPath, modelParams);
                }
                catch (RuntimeError)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    throw new ModelLoadException(LoadFailure.Describe($"llama.cpp could not load {fileName}", NativeBackend.EndCapture(), request.ModelPath));
                }
                finally
                {
                    GC.KeepAlive(modelParams.progress_callback);
                }

                modelLog = NativeBackend.EndCapture();
            }

            cancellationToken.ThrowIfCancellationRequested();
            NativeBackend.BeginCapture();
            parameters.ToLlamaContextParams(out var contextParams);
            try
            {
                context = SafeLLamaContextHandle.Create(model, contextParams);
            }
            catch (RuntimeError)
            {
                throw new ModelLoadException(LoadFailure.Describe($"llama.cpp could not create a context of {contextParams.n_ctx} tokens for {fileName}", NativeBackend.EndCapture(), request.ModelPath));
            }

            var contextLog = NativeBackend.EndCapture();
            if (request.AdapterPath is not null)
            {
                ApplyAdapter(model, context, request.AdapterPath);
            }

            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(1f);
            var info = RunnerInfoBuilder.Build(model, context, request, threads, modelLog, contextLog);
            var runner = new LlamaSharpRunner(model, context, info, logger);
            model = null;
            context = null;
            return runner;
        }
        catch (Exception ex) when (ex is not ModelLoadException and not OperationCanceledException)
        {
            throw new ModelLoadException($"Loading {fileName} failed: {LoadFailure.Sanitize(ex.Message, request.ModelPath)}", ex);
        }
        finally
        {
            NativeBackend.EndCapture();
            context?.Dispose();
            model?.Dispose();
        }
    }

    private static void Validate(RunnerLoadRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.ModelPath))
        {
            throw new ModelLoadException("No model path was given.");
        }

        if (request.ContextLength < 1 || request.Parallel < 1 || request.BatchSize < 1)
        {
            throw new ModelLoadException("ContextLength, Parallel and BatchSize must be positive.");
        }
    }

    private static ModelParams CreateParameters(RunnerLoadRequest request, int threads)
    {
        var gpuLayers = request.GpuLayers switch
        {
            < 0 => NativeBackend.SupportsGpuOffload ? AllLayers : 0,
            _ => NativeBackend.SupportsGpuOffload ? request.GpuLayers : 0,
        };
        // One step decodes the next token of every sequence plus prompt chunks, so a batch holds at least Parallel tokens.
        var pool = request.KvPoolCells;
        var batch = (uint)Math.Max(Math.Min(request.BatchSize, pool), request.Parallel);
        var parameters = new ModelParams(request.ModelPath)
        {
            // One KV pool shared by all sequences (llama.cpp's unified KV cache): a sequence may use up to ContextLength
            // cells of it (enforced by the decode loop, which also admits and pauses sequences by the pool's free
            // cells), and a prompt prefix shared by several sequences is stored once.
            ContextSize = (uint)pool,
            SeqMax = (uint)request.Parallel,
            KVUnified = true,
            BatchSize = batch,
            UBatchSize = Math.Min(batch, 512u),
            Threads = threads,
            BatchThreads = threads,
            GpuLayerCount = gpuLayers,
            Embeddings = false,
        };
        if (request.MainGpu is { } mainGpu)
        {
            parameters.MainGpu = mainGpu;
        }

        if (request.UseMmap is { } mmap)
        {
            parameters.LoadMode = mmap ? LLamaLoadMode.MemoryMap : LLamaLoadMode.None;
        }

        return parameters;
    }

    private static void ApplyAdapter(SafeLlamaModelHandle model, SafeLLamaContextHandle context, string adapterPath)
    {
        try
        {
            var adapter = model.LoadLoraFromFile(adapterPath);
            Span<(LoraAdapter, float)> adapters = [(adapter, 1f)];
            context.SetLoraAdapters(adapters);
        }
        catch (RuntimeError ex)
        {
            throw new ModelLoadException($"llama.cpp could not apply the adapter {Path.GetFileName(adapterPath)}: {LoadFailure.Sanitize(ex.Message, adapterPath)}", ex);
        }
    }
}
