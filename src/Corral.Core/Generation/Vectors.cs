using System.Numerics.Tensors;
using Corral.Core.Errors;

namespace Corral.Core.Generation;

/// <summary>Embedding post-processing: optional cut to fewer dimensions, then L2 normalization.</summary>
internal static class Vectors
{
    public static float[] Normalize(float[] vector, int? dimensions)
    {
        EnsureFinite(vector);
        if (dimensions is { } d)
        {
            if (d < 1 || d > vector.Length)
            {
                throw CorralException.BadRequest($"dimensions must be between 1 and {vector.Length} for this model");
            }

            vector = vector[..d];
        }

        var norm = MathF.Sqrt(TensorPrimitives.Dot<float>(vector, vector));
        var result = new float[vector.Length];
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, result);
        }

        return result;
    }

    public static void EnsureFinite(float[] vector)
    {
        foreach (var x in vector)
        {
            if (!float.IsFinite(x))
            {
                throw CorralException.Internal("the model produced an embedding with NaN or infinite values");
            }
        }
    }
}
