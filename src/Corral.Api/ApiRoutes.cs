namespace Corral.Api;

/// <summary>Paths of the native API, shared by the server's endpoints and the client.</summary>
public static class ApiRoutes
{
    public const string Version = "/api/version";
    public const string Generate = "/api/generate";
    public const string Chat = "/api/chat";
    public const string Embed = "/api/embed";
    public const string Embeddings = "/api/embeddings";
    public const string Tags = "/api/tags";
    public const string Show = "/api/show";
    public const string Ps = "/api/ps";
    public const string Copy = "/api/copy";
    public const string Delete = "/api/delete";
    public const string Create = "/api/create";
    public const string Pull = "/api/pull";
    public const string Push = "/api/push";
    public const string Blobs = "/api/blobs";
}
