using System.Text.Json;
using Corral.Prompting.Structured.Model;

namespace Corral.Prompting.Structured;

/// <summary>Object, array and tuple checks.</summary>
internal sealed partial class SchemaValidator
{
    private void CheckObject(ObjectNode o, JsonElement value, string path, int depth)
    {
        if (!Expect(value, path, JsonValueKind.Object, "object"))
        {
            return;
        }

        foreach (var property in o.Properties.Where(p => p.Required && !value.TryGetProperty(p.Name, out _)))
        {
            Fail(path, $"missing required property '{property.Name}'");
        }

        foreach (var member in value.EnumerateObject())
        {
            var memberPath = SchemaPointer.Append(path, member.Name);
            var declared = o.Properties.FirstOrDefault(p => p.Name == member.Name);
            if (declared is not null)
            {
                Check(declared.Schema, member.Value, memberPath, depth + 1);
            }
            else if (o.Additional is { } additional)
            {
                Check(additional, member.Value, memberPath, depth + 1);
            }
            else
            {
                Fail(memberPath, "property is not allowed (additionalProperties is false or absent)");
            }
        }
    }

    private void CheckArray(ArrayNode a, JsonElement value, string path, int depth)
    {
        if (!Expect(value, path, JsonValueKind.Array, "array"))
        {
            return;
        }

        var count = value.GetArrayLength();
        if (count < a.MinItems)
        {
            Fail(path, $"array has {count} items, fewer than minItems {a.MinItems}");
        }
        else if (count > a.MaxItems)
        {
            Fail(path, $"array has {count} items, more than maxItems {a.MaxItems}");
        }

        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            Check(a.Items, item, path + "/" + i++, depth + 1);
        }
    }

    private void CheckTuple(TupleNode t, JsonElement value, string path, int depth)
    {
        if (!Expect(value, path, JsonValueKind.Array, "array"))
        {
            return;
        }

        var count = value.GetArrayLength();
        if (count != t.Items.Count)
        {
            Fail(path, $"array has {count} items, expected exactly {t.Items.Count} (prefixItems)");
        }

        var i = 0;
        foreach (var item in value.EnumerateArray().Take(t.Items.Count))
        {
            Check(t.Items[i], item, path + "/" + i, depth + 1);
            i++;
        }
    }
}
