using System.Net;
using Corral.Api.Client;
using Corral.Cli.Create;
using Corral.Modelfile;

namespace Corral.Cli.Tests;

public sealed class CreatePlanTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("corral-cli-test").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void From_a_model_name_goes_to_from()
    {
        var plan = CreatePlanner.Build(Modelfile.Modelfile.Parse("FROM llama3.2\nSYSTEM be brief\n"), "mine", _dir);
        Assert.Equal("llama3.2", plan.Request.From);
        Assert.Equal("be brief", plan.Request.System);
        Assert.Empty(plan.Files);
    }

    [Fact]
    public void From_a_relative_file_becomes_an_upload()
    {
        File.WriteAllText(Path.Combine(_dir, "model.gguf"), "GGUF");
        File.WriteAllText(Path.Combine(_dir, "lora.gguf"), "LORA");
        var plan = CreatePlanner.Build(Modelfile.Modelfile.Parse("FROM ./model.gguf\nADAPTER lora.gguf\n"), "mine", _dir);
        Assert.Null(plan.Request.From);
        Assert.Equal(2, plan.Files.Count);
        Assert.Equal(new LocalBlob(Path.Combine(_dir, "model.gguf"), "model.gguf", false), plan.Files[0]);
        Assert.True(plan.Files[1].IsAdapter);
    }

    [Fact]
    public void Home_and_absolute_paths_expand()
    {
        Assert.Equal("/home/me/m.gguf", CreatePlanner.ExpandPath("~/m.gguf", "/x", "/home/me"));
        Assert.Equal("/home/me", CreatePlanner.ExpandPath("~", "/x", "/home/me"));
        Assert.Equal("/home/bob/m.gguf", CreatePlanner.ExpandPath("~bob/m.gguf", "/x", "/home/me"));
        Assert.Equal("/abs/m.gguf", CreatePlanner.ExpandPath("/abs/m.gguf", "/x", "/home/me"));
        Assert.Equal("/x/y/m.gguf", CreatePlanner.ExpandPath("y/m.gguf", "/x", "/home/me"));
    }

    [Fact]
    public void Missing_adapter_is_an_error()
    {
        Assert.Throws<CliException>(() => CreatePlanner.Build(Modelfile.Modelfile.Parse("FROM llama3.2\nADAPTER nope.gguf\n"), "m", _dir));
    }

    [Fact]
    public void Parameters_are_typed_and_stop_accumulates()
    {
        var text = "FROM llama3.2\nPARAMETER temperature 0.7\nPARAMETER num_ctx 8192\nPARAMETER stop <|a|>\nPARAMETER stop \"<|b|>\"\n" +
                   "LICENSE MIT\nMESSAGE user hi\nMESSAGE assistant hello\nREQUIRES 0.14.0\nTEMPLATE {{ .Prompt }}\n";
        var plan = CreatePlanner.Build(Modelfile.Modelfile.Parse(text), "m", _dir);
        var p = plan.Request.Parameters!;
        Assert.Equal("0.7", p["temperature"].GetRawText());
        Assert.Equal("8192", p["num_ctx"].GetRawText());
        Assert.Equal("[\"<|a|>\",\"<|b|>\"]", p["stop"].GetRawText());
        Assert.Equal("[\"MIT\"]", plan.Request.License!.Value.GetRawText());
        Assert.Equal(["user", "assistant"], plan.Request.Messages!.Select(m => m.Role));
        Assert.Equal("0.14.0", plan.Request.Requires);
        Assert.Equal("{{ .Prompt }}", plan.Request.Template);
    }

    [Fact]
    public void Bad_parameter_values_fail()
    {
        Assert.Throws<ModelParameterException>(() => CreatePlanner.Build(Modelfile.Modelfile.Parse("FROM x\nPARAMETER num_ctx big\n"), "m", _dir));
        Assert.Throws<ModelParameterException>(() => CreatePlanner.Build(Modelfile.Modelfile.Parse("FROM x\nPARAMETER bogus 1\n"), "m", _dir));
    }

    [Fact]
    public async Task Blob_is_uploaded_only_when_the_server_lacks_it()
    {
        var path = Path.Combine(_dir, "model.gguf");
        await File.WriteAllTextAsync(path, "GGUF data", TestContext.Current.CancellationToken);
        var digest = await BlobUploader.DigestAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal("sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("GGUF data"u8)), digest);

        var handler = new FakeHandler(_ => HttpStatusCode.OK);
        using (var client = new CorralClient(new HttpClient(handler) { BaseAddress = new Uri("http://fake/") }))
        {
            Assert.False(await BlobUploader.EnsureAsync(client, path, digest, null, TestContext.Current.CancellationToken));
        }

        Assert.Equal(["HEAD"], handler.Methods);

        var uploaded = 0L;
        handler = new FakeHandler(r =>
        {
            if (r.Method == HttpMethod.Post)
            {
                uploaded = r.Content!.ReadAsByteArrayAsync().Result.Length;
                return HttpStatusCode.Created;
            }

            return HttpStatusCode.NotFound;
        });
        using (var client = new CorralClient(new HttpClient(handler) { BaseAddress = new Uri("http://fake/") }))
        {
            Assert.True(await BlobUploader.EnsureAsync(client, path, digest, null, TestContext.Current.CancellationToken));
        }

        Assert.Equal(["HEAD", "POST"], handler.Methods);
        Assert.Equal(9, uploaded);
        Assert.All(handler.Paths, p => Assert.EndsWith(Uri.EscapeDataString(digest), p, StringComparison.Ordinal));
    }

    private sealed class FakeHandler(Func<HttpRequestMessage, HttpStatusCode> respond) : HttpMessageHandler
    {
        public List<string> Methods { get; } = [];

        public List<string> Paths { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Methods.Add(request.Method.Method);
            Paths.Add(request.RequestUri!.AbsolutePath);
            return Task.FromResult(new HttpResponseMessage(respond(request)) { Content = new StringContent("") });
        }
    }
}
