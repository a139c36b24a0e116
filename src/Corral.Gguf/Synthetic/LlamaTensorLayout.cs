namespace Corral.Gguf.Synthetic;

/// <summary>
/// The tensor names and shapes llama.cpp's loader expects for LLM_ARCH_LLAMA (and, with QKV biases, LLM_ARCH_QWEN2),
/// in ggml dimension order.
/// </summary>
public static class LlamaTensorLayout
{
    /// <summary>Lists the tensors of a model with the given shape and vocabulary size.</summary>
    public static IReadOnlyList<SyntheticTensor> For(TransformerShape shape, int vocabSize)
    {
        ArgumentNullException.ThrowIfNull(shape);
        shape.Validate();
        long embd = shape.EmbeddingLength;
        long q = (long)shape.HeadDimension * shape.HeadCount;
        long kv = (long)shape.HeadDimension * shape.HeadCountKv;
        long ff = shape.FeedForwardLength;
        var list = new List<SyntheticTensor>
        {
            new("token_embd.weight", [embd, vocabSize], SyntheticFill.Random),
        };

        for (int i = 0; i < shape.BlockCount; i++)
        {
            string p = $"blk.{i}.";
            list.Add(new(p + "attn_norm.weight", [embd], SyntheticFill.Ones));
            list.Add(new(p + "attn_q.weight", [embd, q], SyntheticFill.Random));
            list.Add(new(p + "attn_k.weight", [embd, kv], SyntheticFill.Random));
            list.Add(new(p + "attn_v.weight", [embd, kv], SyntheticFill.Random));
            if (shape.AttentionQkvBias)
            {
                list.Add(new(p + "attn_q.bias", [q], SyntheticFill.Zeros));
                list.Add(new(p + "attn_k.bias", [kv], SyntheticFill.Zeros));
                list.Add(new(p + "attn_v.bias", [kv], SyntheticFill.Zeros));
            }

            list.Add(new(p + "attn_output.weight", [q, embd], SyntheticFill.Random));
            list.Add(new(p + "ffn_norm.weight", [embd], SyntheticFill.Ones));
            list.Add(new(p + "ffn_gate.weight", [embd, ff], SyntheticFill.Random));
            list.Add(new(p + "ffn_down.weight", [ff, embd], SyntheticFill.Random));
            list.Add(new(p + "ffn_up.weight", [embd, ff], SyntheticFill.Random));
        }

        list.Add(new("output_norm.weight", [embd], SyntheticFill.Ones));
        if (!shape.TiedOutput)
        {
            list.Add(new("output.weight", [embd, vocabSize], SyntheticFill.Random));
        }

        return list;
    }
}
