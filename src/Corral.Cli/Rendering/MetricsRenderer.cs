using System.Globalization;
using System.Text;
using Corral.Api.Models;

namespace Corral.Cli.Rendering;

/// <summary>The <c>--verbose</c> timing block (Ollama's <c>Metrics.Summary</c>) and Corral's truncation warning.</summary>
public static class MetricsRenderer
{
    /// <summary>The timing block; lines for zero values are left out, as in Ollama.</summary>
    public static string Summary(Metrics m)
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        if (m.TotalDuration is > 0 and var total)
        {
            sb.Append("total duration:       ").Append(HumanFormat.GoDuration(total)).Append('\n');
        }

        if (m.LoadDuration is > 0 and var load)
        {
            sb.Append("load duration:        ").Append(HumanFormat.GoDuration(load)).Append('\n');
        }

        if (m.PromptEvalCount is > 0 and var promptCount)
        {
            sb.Append(inv, $"prompt eval count:    {promptCount} token(s)\n");
        }

        if (m.PromptEvalDuration is > 0 and var promptDuration)
        {
            sb.Append("prompt eval duration: ").Append(HumanFormat.GoDuration(promptDuration)).Append('\n');
            sb.Append(inv, $"prompt eval rate:     {(m.PromptEvalCount ?? 0) / (promptDuration / 1e9):F2} tokens/s\n");
        }

        if (m.EvalCount is > 0 and var evalCount)
        {
            sb.Append(inv, $"eval count:           {evalCount} token(s)\n");
        }

        if (m.EvalDuration is > 0 and var evalDuration)
        {
            sb.Append("eval duration:        ").Append(HumanFormat.GoDuration(evalDuration)).Append('\n');
            sb.Append(inv, $"eval rate:            {(m.EvalCount ?? 0) / (evalDuration / 1e9):F2} tokens/s\n");
        }

        return sb.ToString();
    }

    /// <summary>The stderr warning when the server dropped prompt tokens to fit the context, or null.</summary>
    public static string? TruncationWarning(Metrics m) => m.TruncatedTokens is > 0 and var n
        ? string.Create(CultureInfo.InvariantCulture,
            $"warning: {n} prompt token(s) were dropped to fit the context window; raise num_ctx (/set parameter num_ctx N) to keep more history")
        : null;
}
