using System.Text.Json;
using Corral.Api.Serialization;
using Corral.Core.Registry;
using Corral.Core.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Corral.Server.Endpoints;

/// <summary>
/// <c>POST /api/export</c> (body <c>{"model"}</c>, answers a tar bundle) and <c>POST /api/import[?name=]</c>
/// (body: the tar; answers <c>{"status":"success","model":"name:tag"}</c>): offline model transfer, verified on the way in.
/// </summary>
internal static class RegistryBundleEndpoints
{
    public const string Export = "/api/export";
    public const string Import = "/api/import";
    private static readonly ApiJsonContext Json = ApiJsonContext.Wire;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(Export, Handlers.WithBody(Json.ShowRequest, async (context, request) =>
        {
            var writer = new ModelBundleWriter(context.RequestServices.GetRequiredService<ModelStore>());
            context.Response.ContentType = "application/x-tar";
            await writer.WriteAsync(request.Model ?? request.Name, context.Response.Body, context.RequestAborted);
        }));

        app.MapPost(Import, Handlers.Plain(async context =>
        {
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = null;
            }

            var reader = new ModelBundleReader(context.RequestServices.GetRequiredService<ModelStore>());
            var name = context.Request.Query["name"].FirstOrDefault();
            var imported = await reader.ImportAsync(context.Request.Body, string.IsNullOrEmpty(name) ? null : name, context.RequestAborted);
            context.Response.ContentType = "application/json; charset=utf-8";
            await using var json = new Utf8JsonWriter(context.Response.Body);
            json.WriteStartObject();
            json.WriteString("status", "success");
            json.WriteString("model", imported.DisplayShortest);
            json.WriteEndObject();
        }));
    }
}
