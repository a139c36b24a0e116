using Corral.Api.Models;

namespace Corral.Protocols.OpenAI;

/// <summary><c>GET /v1/models</c>: <c>{"object":"list","data":[...]}</c>.</summary>
public sealed record ModelList
{
    public string Object { get; init; } = "list";
    public ModelObject[] Data { get; init; } = [];
}

/// <summary>One model: id is the full name (<c>stories:latest</c>), created its modification time.</summary>
public sealed record ModelObject
{
    public string Id { get; init; } = "";
    public string Object { get; init; } = "model";
    public long Created { get; init; }
    public string OwnedBy { get; init; } = "library";
}

/// <summary>Native model list → OpenAI model objects.</summary>
public static class ModelsMapper
{
    public static ModelList ToList(ListResponse list) => new() { Data = list.Models.Select(ToModel).ToArray() };

    public static ModelObject ToModel(ListModel model) => new()
    {
        Id = model.Name,
        Created = new DateTimeOffset(DateTime.SpecifyKind(model.ModifiedAt, DateTimeKind.Utc)).ToUnixTimeSeconds(),
        OwnedBy = OwnerOf(model.Name),
    };

    /// <summary>A route of the router (a virtual model name), owned by <c>corral-router</c>.</summary>
    public static ModelObject ToRoute(string name) => new() { Id = name, OwnedBy = "corral-router" };

    /// <summary>The model's namespace (<c>library</c> for bare names, <c>user</c> for <c>user/model</c>).</summary>
    public static string OwnerOf(string name)
    {
        var path = name.Split(':')[0].Split('/');
        return path.Length >= 2 ? path[^2] : "library";
    }

    /// <summary>The listed model <paramref name="id"/> names (a bare name means its <c>:latest</c> tag), or null.</summary>
    public static ListModel? Find(ListResponse list, string id) =>
        list.Models.FirstOrDefault(m => string.Equals(m.Name, id, StringComparison.OrdinalIgnoreCase))
        ?? list.Models.FirstOrDefault(m => string.Equals(m.Name, id + ":latest", StringComparison.OrdinalIgnoreCase));
}
