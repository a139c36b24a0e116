namespace Corral.Inference.LlamaSharp;

/// <summary>Builds client-safe load error messages from llama.cpp's log (no absolute paths).</summary>
internal static class LoadFailure
{
    private static readonly string[] Markers = ["error", "failed", "invalid", "not within", "unknown", "unsupported", "duplicate", "mismatch", "wrong", "multiple"];

    /// <summary>Appends the reason llama.cpp logged, if any, to <paramref name="summary"/>.</summary>
    public static string Describe(string summary, string log, string path)
    {
        var reasons = new List<string>();
        foreach (var raw in log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (IsMetadataDump(raw) || !Markers.Any(m => raw.Contains(m, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var line = StripFunctionPrefix(raw);
            if (line.Length > 0 && !reasons.Contains(line))
            {
                reasons.Add(line);
            }
        }

        var text = reasons.Count == 0 ? summary + "." : $"{summary}: {string.Join("; ", reasons.Take(3))}";
        return Sanitize(text, path);
    }

    /// <summary>Replaces the absolute path (and its folder) in <paramref name="text"/> with the bare file name.</summary>
    public static string Sanitize(string text, string path)
    {
        var full = Path.GetFullPath(path);
        var name = Path.GetFileName(full);
        text = text.Replace(full, name).Replace(path, name);
        var folder = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(folder) && folder.Length > 1)
        {
            text = text.Replace(folder + Path.DirectorySeparatorChar, "").Replace(folder, "");
        }

        return text;
    }

    /// <summary>llama.cpp prints every metadata key and tensor type while loading (<c>- kv  16: tokenizer.ggml.unknown_token_id
    /// u32 = 0</c>, <c>- type  f32:   13 tensors</c>); a key's name can contain a marker word but never states a failure.</summary>
    private static bool IsMetadataDump(string line)
    {
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        var body = colon > 0 && !line.AsSpan(0, colon).Contains(' ') ? line.AsSpan(colon + 2).TrimStart() : line.AsSpan();
        return body.StartsWith("- kv ", StringComparison.Ordinal) || body.StartsWith("- type ", StringComparison.Ordinal);
    }

    private static string StripFunctionPrefix(string line)
    {
        // llama.cpp prefixes lines with "function_name: "; the function name is noise for a client.
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 && !line.AsSpan(0, colon).Contains(' ') ? line[(colon + 2)..].Trim() : line;
    }
}
