using System.Text;
using System.Text.Json;
using Corral.Prompting.Structured;

namespace Corral.Core.Generation;

/// <summary>
/// Checks the answer of a request whose <c>format</c> is a JSON schema (or <c>"json"</c>) once it is complete. Sampling
/// is grammar-constrained, so a mismatch means the answer was cut short (num_predict or the context); the final chunk
/// says so instead of passing it off as valid.
/// </summary>
public sealed class SchemaCheck
{
    private readonly JsonElement? _schema;
    private readonly bool _active;
    private readonly StringBuilder? _answer;

    public SchemaCheck(JsonElement? format)
    {
        if (format is { ValueKind: JsonValueKind.Object } schema)
        {
            _schema = schema;
            _active = true;
        }
        else if (format is { ValueKind: JsonValueKind.String } json && json.GetString() == "json")
        {
            _active = true;
        }

        _answer = _active ? new StringBuilder() : null;
    }

    public void Append(string content) => _answer?.Append(content);

    /// <summary>Null when the answer matches (or no format was asked for); otherwise what is wrong.</summary>
    public string? Check()
    {
        if (!_active)
        {
            return null;
        }

        JsonElement instance;
        try
        {
            using var document = JsonDocument.Parse(_answer!.ToString());
            instance = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return $"the answer is not complete JSON: {e.Message}";
        }

        if (_schema is not { } schema)
        {
            return null;
        }

        var errors = JsonSchemaValidator.Validate(schema, instance);
        return errors.Count == 0 ? null : "the answer does not match the schema: " + string.Join("; ", errors);
    }
}
