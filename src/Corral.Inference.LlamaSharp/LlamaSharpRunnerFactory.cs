using Microsoft.Extensions.Logging;

namespace Corral.Inference.LlamaSharp;

/// <summary>
/// Loads GGUF models with llama.cpp through LLamaSharp. The native library is the packaged CPU backend unless the
/// <c>CORRAL_LLAMA_LIBRARY</c> environment variable names another libllama build (for example a CUDA one); it is chosen
/// once per process, before the first native call.
/// </summary>
public sealed class LlamaSharpRunnerFactory : IRunnerFactory
{
    private readonly ILogger? _logger;

    /// <summary>Creates a factory.</summary>
    /// <param name="logger">Receives llama.cpp's own log output at Debug level (quiet unless Debug is enabled).</param>
    public LlamaSharpRunnerFactory(ILogger? logger = null)
    {
        _logger = logger;
    }

    /// <inheritdoc />
    public async ValueTask<IModelRunner> LoadAsync(RunnerLoadRequest request, IProgress<float>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        return await Task.Run(() => ModelLoader.Load(request, progress, _logger, cancellationToken), cancellationToken).ConfigureAwait(false);
    }
}
