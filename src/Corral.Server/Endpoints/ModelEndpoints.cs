using Corral.Api;
using Corral.Api.Models;
using Corral.Api.Serialization;
using Corral.Core.Models;
using Corral.Core.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Corral.Server.Endpoints;

/// <summary>Model management: <c>/api/tags</c>, <c>/api/show</c>, <c>/api/ps</c>, <c>/api/copy</c>, <c>/api/delete</c>.</summary>
internal static class ModelEndpoints
{
    private static readonly ApiJsonContext Json = ApiJsonContext.Wire;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapMethods(ApiRoutes.Tags, ["GET", "HEAD"], Handlers.Plain(async context =>
        {
            var catalog = context.RequestServices.GetRequiredService<ModelCatalog>();
            await Handlers.WriteJsonAsync(context, catalog.List(), Json.ListResponse);
        }));

        app.MapPost(ApiRoutes.Show, Handlers.WithBody(Json.ShowRequest, async (context, request) =>
        {
            var catalog = context.RequestServices.GetRequiredService<ModelCatalog>();
            await Handlers.WriteJsonAsync(context, catalog.Show(request), Json.ShowResponse);
        }));

        app.MapGet(ApiRoutes.Ps, Handlers.Plain(async context =>
        {
            var catalog = context.RequestServices.GetRequiredService<ModelCatalog>();
            await Handlers.WriteJsonAsync(context, await catalog.RunningAsync(), Json.ProcessResponse);
        }));

        app.MapPost(ApiRoutes.Copy, Handlers.WithBody(Json.CopyRequest, (context, request) =>
        {
            context.RequestServices.GetRequiredService<ModelStore>().Copy(request.Source, request.Destination);
            return Task.CompletedTask;
        }));

        app.MapDelete(ApiRoutes.Delete, Handlers.WithBody(Json.DeleteRequest, async (context, request) =>
        {
            var catalog = context.RequestServices.GetRequiredService<ModelCatalog>();
            await catalog.DeleteAsync(request.Model ?? request.Name);
        }));
    }
}
