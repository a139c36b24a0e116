using System.Formats.Tar;
using System.Text;
using Corral.Cli;
using Corral.TestKit;

namespace Corral.Server.Tests.Registry;

/// <summary><c>corral export</c> / <c>corral import</c> both ways, and hostile bundles.</summary>
public sealed class RegistryBundleTests : IAsyncLifetime
{
    private readonly ServerFixture _source = new();
    private readonly ServerFixture _target = new();
    private readonly string _work = Path.Combine(Path.GetTempPath(), "corral-bundle-" + Guid.NewGuid().ToString("N"));

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_work);
        await _source.InitializeAsync();
        await _target.InitializeAsync();
        await _source.CreateFromFileAsync("stories", TestModels.Stories260K, """, "system":"Bundled." """);
    }

    public async ValueTask DisposeAsync()
    {
        await _source.DisposeAsync();
        await _target.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    private static Task<(int Code, string Out, string Err)> Corral(ServerFixture server, params string[] args) =>
        Cli.CliHarness.RunAsync(server.BaseAddress, args);

    [Fact]
    public async Task ExportThenImport_BothDirections_ThroughTheCli()
    {
        var bundle = Path.Combine(_work, "stories.tar");
        var export = await Corral(_source, "export", "stories", "-o", bundle);
        Assert.True(export.Code == 0, export.Err);
        var import = await Corral(_target, "import", bundle);
        Assert.True(import.Code == 0, import.Err);
        Assert.Contains("imported stories:latest", import.Out, StringComparison.Ordinal);
        Assert.Contains("Bundled.", (await Native.Http.PostAsync(_target, "/api/show", """{"model":"stories"}""")).Body, StringComparison.Ordinal);

        var back = Path.Combine(_work, "back.tar");
        Assert.Equal(0, (await Corral(_target, "export", "stories", "-o", back)).Code);
        Assert.Equal(0, (await Corral(_source, "import", back, "--name", "copy-of-stories")).Code);
        var generate = await Native.Http.PostAsync(_source, "/api/generate", """{"model":"copy-of-stories","prompt":"Once","stream":false,"options":{"num_predict":2} }""");
        Assert.Equal(200, generate.Status);
    }

    public static TheoryData<string> HostileEntries => new() { "../escape", "/etc/escape", "blobs/../../escape", "symlink", "blobs/sha256-" + new string('A', 64), "hardlink", "dir/" };

    [Theory]
    [MemberData(nameof(HostileEntries))]
    public async Task HostileBundles_AreRejected_AndInstallNothing(string entry)
    {
        var good = await ExportAsync();
        var tar = new MemoryStream();
        await using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            await CopyEntriesAsync(good, writer, take: 2);
            PaxTarEntry hostile = entry switch
            {
                "symlink" => new PaxTarEntry(TarEntryType.SymbolicLink, "blobs/sha256-" + new string('a', 64)) { LinkName = "/etc/passwd" },
                "hardlink" => new PaxTarEntry(TarEntryType.HardLink, "blobs/sha256-" + new string('a', 64)) { LinkName = "/etc/passwd" },
                "dir/" => new PaxTarEntry(TarEntryType.Directory, "blobs/"),
                _ => new PaxTarEntry(TarEntryType.RegularFile, entry) { DataStream = new MemoryStream("x"u8.ToArray()) },
            };
            await writer.WriteEntryAsync(hostile, TestContext.Current.CancellationToken);
        }

        await AssertRejectedAsync(tar.ToArray(), "bundle entry");
        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), "escape")));
    }

    [Fact]
    public async Task TamperedBlob_IsRejected_AndItsNewBlobsRemoved()
    {
        var good = await ExportAsync();
        var tar = new MemoryStream();
        await using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            await using var reader = new TarReader(new MemoryStream(good));
            while (await reader.GetNextEntryAsync(copyData: true, TestContext.Current.CancellationToken) is { } e)
            {
                var data = new MemoryStream();
                await e.DataStream!.CopyToAsync(data, TestContext.Current.CancellationToken);
                var bytes = data.ToArray();
                if (bytes.Length > 1_000_000)
                {
                    bytes[12345] ^= 1;
                }

                await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, e.Name) { DataStream = new MemoryStream(bytes) }, TestContext.Current.CancellationToken);
            }
        }

        await AssertRejectedAsync(tar.ToArray(), "digest mismatch");
    }

    private async Task AssertRejectedAsync(byte[] tar, string expected)
    {
        using var content = new ByteArrayContent(tar);
        using var response = await _target.Http.PostAsync("/api/import", content, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains(expected, Native.Http.Error(body), StringComparison.Ordinal);
        Assert.DoesNotContain(_target.StoreDirectory, body, StringComparison.Ordinal);
        Assert.DoesNotContain(_target.BlobFiles(), f => !f.StartsWith('.'));
        Assert.Contains("\"models\":[]", (await Native.Http.SendAsync(_target, HttpMethod.Get, "/api/tags")).Body, StringComparison.Ordinal);
    }

    private async Task<byte[]> ExportAsync()
    {
        using var content = new StringContent("""{"model":"stories"}""", Encoding.UTF8, "application/json");
        using var response = await _source.Http.PostAsync("/api/export", content, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
    }

    private static async Task CopyEntriesAsync(byte[] tar, TarWriter writer, int take)
    {
        await using var reader = new TarReader(new MemoryStream(tar));
        for (var i = 0; i < take && await reader.GetNextEntryAsync(copyData: true, TestContext.Current.CancellationToken) is { } entry; i++)
        {
            await writer.WriteEntryAsync(entry, TestContext.Current.CancellationToken);
        }
    }
}
