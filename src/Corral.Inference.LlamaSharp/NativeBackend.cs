using System.Text;
using LLama.Native;
using Microsoft.Extensions.Logging;

namespace Corral.Inference.LlamaSharp;

/// <summary>
/// Process-wide llama.cpp set-up: which native library is loaded and where its log output goes. Configured once,
/// before the first native call.
/// </summary>
internal static class NativeBackend
{
    /// <summary>Environment variable naming a libllama file to load instead of the packaged CPU backend.</summary>
    public const string LibraryVariable = "CORRAL_LLAMA_LIBRARY";

    private static readonly Lock Gate = new();
    private static volatile ILogger? s_logger;
    private static bool s_configured;
    private static bool s_gpuOffload;

    [ThreadStatic]
    private static StringBuilder? t_capture;

    /// <summary>Whether the loaded library can offload layers to a GPU.</summary>
    public static bool SupportsGpuOffload => s_gpuOffload;

    /// <summary>Loads and configures the native library if that has not happened yet.</summary>
    /// <param name="logger">Receives llama.cpp's log lines at Debug level; the latest non-null logger wins.</param>
    public static void EnsureConfigured(ILogger? logger)
    {
        if (logger is not null)
        {
            s_logger = logger;
        }

        lock (Gate)
        {
            if (s_configured)
            {
                return;
            }

            var library = Environment.GetEnvironmentVariable(LibraryVariable);
            try
            {
                if (!string.IsNullOrWhiteSpace(library))
                {
                    if (!File.Exists(library))
                    {
                        throw new ModelLoadException($"{LibraryVariable} names a native library that does not exist ({Path.GetFileName(library)}).");
                    }

                    NativeLibraryConfig.LLama.WithLibrary(Path.GetFullPath(library));
                }

                NativeLibraryConfig.All.WithLogCallback(OnLog);
            }
            catch (InvalidOperationException)
            {
                // Something loaded the library before us: its choice stands, but the log still comes here.
                s_logger?.LogWarning("llama.cpp was loaded before Corral configured it; {Variable} may be ignored", LibraryVariable);
            }

            try
            {
                NativeLogConfig.llama_log_set(OnLog);
                NativeApi.llama_empty_call();
                s_gpuOffload = NativeApi.llama_supports_gpu_offload();
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or TypeInitializationException or BadImageFormatException)
            {
                throw new ModelLoadException("The llama.cpp native library could not be loaded: " + ex.GetBaseException().Message, ex);
            }

            s_configured = true;
        }
    }

    /// <summary>Starts collecting llama.cpp's log lines written on this thread (used to explain a failed load).</summary>
    public static void BeginCapture() => t_capture = new StringBuilder();

    /// <summary>Stops collecting and returns what this thread logged since <see cref="BeginCapture"/>.</summary>
    public static string EndCapture()
    {
        var text = t_capture?.ToString() ?? "";
        t_capture = null;
        return text;
    }

    private static void OnLog(LLamaLogLevel level, string message)
    {
        t_capture?.Append(message);
        var logger = s_logger;
        if (logger is not null && logger.IsEnabled(LogLevel.Debug) && level != LLamaLogLevel.None)
        {
            logger.LogDebug("llama.cpp {Level}: {Message}", level, message.TrimEnd());
        }
    }
}
