namespace Corral.Inference;

/// <summary>Loads models into runners. The only way the rest of Corral reaches an inference engine.</summary>
public interface IRunnerFactory
{
    /// <summary>Loads the model described by <paramref name="request"/>. Blocking native work runs off the caller's thread.</summary>
    /// <exception cref="ModelLoadException">The file could not be loaded (bad file, unsupported architecture, out of memory).</exception>
    ValueTask<IModelRunner> LoadAsync(RunnerLoadRequest request, IProgress<float>? progress, CancellationToken cancellationToken);
}
