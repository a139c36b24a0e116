using Microsoft.AspNetCore.Routing;

namespace Corral.Server.Endpoints;

/// <summary>Maps Ollama's native API.</summary>
internal static class NativeApi
{
    public static void MapNativeApi(this IEndpointRouteBuilder app)
    {
        RootEndpoints.Map(app);
        GenerateEndpoints.Map(app);
        ModelEndpoints.Map(app);
        CreateEndpoints.Map(app);
        PullPushEndpoints.Map(app);
    }
}
