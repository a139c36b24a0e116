using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Corral.Api;
using Corral.Cli;
using Corral.Core.Store;
using Corral.TestKit;

namespace Corral.Server.Tests.Registry;

/// <summary><c>FROM /path/model.gguf</c> on the server's machine: the file is linked into the store, not copied.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LocalFileLinkTests : IAsyncLifetime
{
    private const UnixFileMode WriteBits = UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
    private readonly ServerFixture _server = new();

    // Beside the store (both under the temp folder), so one file system: a hard link is possible.
    private readonly string _work = Path.Combine(Path.GetTempPath(), "corral-link-" + Guid.NewGuid().ToString("N"));

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_work);
        await _server.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    /// <summary>A private copy of the test model (linking the shared one would make it read-only for everyone).</summary>
    private string CopyModel(string name = "model.gguf")
    {
        var path = Path.Combine(_work, name);
        File.Copy(TestModels.Stories260K, path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        return path;
    }

    private static string DigestOf(string path) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private string BlobPath(string digest) => Path.Combine(_server.StoreDirectory, "blobs", digest.Replace(':', '-'));

    private async Task<(int Code, string Err)> Corral(params string[] args)
    {
        var (code, _, err) = await Cli.CliHarness.RunAsync(_server.BaseAddress, args);
        return (code, err);
    }

    private async Task<(int Code, string Err)> CreateAsync(string model, string gguf)
    {
        var modelfile = Path.Combine(_work, model + ".Modelfile");
        await File.WriteAllTextAsync(modelfile, $"FROM {gguf}\nSYSTEM {model}\n", TestContext.Current.CancellationToken);
        return await Corral("create", model, "-f", modelfile);
    }

    /// <summary>(inode, link count) from <c>stat</c>.</summary>
    private static (string Inode, int Links) Stat(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("stat", ["-c", "%i %h", path]) { RedirectStandardOutput = true })!;
        var fields = process.StandardOutput.ReadToEnd().Trim().Split(' ');
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return (fields[0], int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<(int Status, string Body, string? Placement)> LinkAsync(string digest, string path)
    {
        using var response = await _server.Http.PostAsync($"/api/blobs/{digest}/link", new StringContent(path, Encoding.UTF8, "text/plain"),
            TestContext.Current.CancellationToken);
        var placement = response.Headers.TryGetValues("X-Corral-Blob-Placement", out var values) ? values.Single() : null;
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), placement);
    }

    [Fact]
    public async Task CreateFromLocalGguf_LinksTheFile_NoSecondCopy_AndTheBlobIsReadOnly()
    {
        var gguf = CopyModel();
        var digest = DigestOf(gguf);
        var (code, err) = await CreateAsync("linked", gguf);
        Assert.True(code == 0, err);

        var blob = BlobPath(digest);
        Assert.Equal(Stat(gguf).Inode, Stat(blob).Inode);
        Assert.Equal(2, Stat(blob).Links);
        Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(blob) & WriteBits);
        Assert.Empty(Directory.GetFiles(Path.Combine(_server.StoreDirectory, "blobs"), ".*"));

        var generate = await Native.Http.PostAsync(_server, "/api/generate", """{"model":"linked","prompt":"Once","stream":false,"options":{"num_predict":2} }""");
        Assert.Equal(200, generate.Status);

        // The same file again: the store already has it, nothing new is linked or copied.
        var again = await LinkAsync(digest, gguf);
        Assert.Equal((200, "existing"), (again.Status, again.Placement));
        Assert.Equal(2, Stat(blob).Links);
    }

    [Fact]
    public async Task OnAnotherFileSystem_TheFileIsCopied_AndTheSourceIsLeftAlone()
    {
        // /dev/shm is a tmpfs: another file system than the store's (checked, not assumed), so no link is possible.
        var elsewhere = Path.Combine("/dev/shm", "corral-link-" + Guid.NewGuid().ToString("N") + ".gguf");
        File.Copy(CopyModel(), elsewhere);
        try
        {
            var sameDevice = Device(elsewhere) == Device(_server.StoreDirectory);
            var digest = DigestOf(elsewhere);
            var (status, _, placement) = await LinkAsync(digest, elsewhere);
            Assert.Equal((201, sameDevice ? "hardlink" : "copy"), (status, placement));
            Assert.Equal(sameDevice, Stat(elsewhere).Inode == Stat(BlobPath(digest)).Inode);
            Assert.Equal(sameDevice ? 2 : 1, Stat(elsewhere).Links);
            Assert.Equal(sameDevice, (File.GetUnixFileMode(elsewhere) & WriteBits) == 0);
            Assert.Equal(digest, DigestOf(BlobPath(digest)));
        }
        finally
        {
            File.Delete(elsewhere);
        }
    }

    private static string Device(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("stat", ["-c", "%d", path]) { RedirectStandardOutput = true })!;
        var device = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return device;
    }

    [Fact]
    public async Task EditingTheSourceInPlace_IsRefusedOrDetected()
    {
        var gguf = CopyModel();
        var digest = DigestOf(gguf);
        Assert.Equal(0, (await CreateAsync("edited", gguf)).Code);
        Assert.Equal(2, Stat(gguf).Links);
        var store = new ModelStore(_server.StoreDirectory);
        Assert.True(Digest.TryParse(digest, out var parsed));
        Assert.True(await store.Blobs.VerifyAsync(parsed, TestContext.Current.CancellationToken));

        try
        {
            await using (var stream = new FileStream(gguf, FileMode.Open, FileAccess.Write))
            {
                stream.Position = 100;
                stream.WriteByte(0xFF);
            }

            // Only a user who ignores file modes (root) gets here: the blob changed with the source, and verification says so.
            Assert.False(await store.Blobs.VerifyAsync(parsed, TestContext.Current.CancellationToken));

            // A rewrite that changes the size (cp other.gguf over it) is caught for free when the model is used.
            await File.AppendAllTextAsync(gguf, "more", TestContext.Current.CancellationToken);
            var show = await Native.Http.PostAsync(_server, "/api/show", """{"model":"edited"}""");
            Assert.Equal(500, show.Status);
            Assert.Contains("changed on disk", show.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(_server.StoreDirectory, show.Body, StringComparison.Ordinal);
        }
        catch (UnauthorizedAccessException)
        {
            // Everyone else: the read-only shared inode turns the in-place overwrite into "permission denied".
            Assert.True(await store.Blobs.VerifyAsync(parsed, TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task Remove_FreesASharedBlob_OnlyWithTheLastModelThatUsesIt()
    {
        var gguf = CopyModel();
        var digest = DigestOf(gguf);
        Assert.Equal(0, (await CreateAsync("first", gguf)).Code);
        Assert.Equal(0, (await CreateAsync("second", gguf)).Code);
        var blob = BlobPath(digest);
        Assert.Equal(2, Stat(gguf).Links);

        Assert.Equal(0, (await Corral("rm", "first")).Code);
        Assert.True(File.Exists(blob));
        Assert.Equal(2, Stat(gguf).Links);
        var generate = await Native.Http.PostAsync(_server, "/api/generate", """{"model":"second","prompt":"Once","stream":false,"options":{"num_predict":2} }""");
        Assert.Equal(200, generate.Status);

        Assert.Equal(0, (await Corral("rm", "second")).Code);
        Assert.False(File.Exists(blob));
        Assert.True(File.Exists(gguf));
        Assert.Equal(1, Stat(gguf).Links);
        Assert.Equal(digest, DigestOf(gguf));
    }

    [Fact]
    public async Task Link_RefusesWrongDigests_NonGgufFiles_RelativeAndMissingPaths_WithoutEchoingThem()
    {
        var gguf = CopyModel();
        var wrong = "sha256:" + new string('0', 64);
        var mismatch = await LinkAsync(wrong, gguf);
        Assert.Equal(400, mismatch.Status);
        Assert.Contains("digest mismatch", mismatch.Body, StringComparison.Ordinal);
        Assert.False(File.Exists(BlobPath(wrong)));
        Assert.Equal(1, Stat(gguf).Links);
        Assert.NotEqual((UnixFileMode)0, File.GetUnixFileMode(gguf) & UnixFileMode.UserWrite);

        var secret = Path.Combine(_work, "secret.txt");
        await File.WriteAllTextAsync(secret, "not a model", TestContext.Current.CancellationToken);
        var notGguf = await LinkAsync(DigestOf(secret), secret);
        Assert.Equal(400, notGguf.Status);
        Assert.Contains("only GGUF files", notGguf.Body, StringComparison.Ordinal);

        Assert.Equal(400, (await LinkAsync(DigestOf(gguf), "model.gguf")).Status);
        Assert.Equal(400, (await LinkAsync(DigestOf(gguf), gguf + "\0x")).Status);
        var missing = Path.Combine(_work, "missing.gguf");
        var notFound = await LinkAsync(DigestOf(gguf), missing);
        Assert.Equal(404, notFound.Status);
        Assert.Equal(400, (await LinkAsync("sha256:../../etc", gguf)).Status);
        foreach (var body in new[] { mismatch.Body, notGguf.Body, notFound.Body })
        {
            Assert.DoesNotContain(_work, body, StringComparison.Ordinal);
            Assert.DoesNotContain(_server.StoreDirectory, body, StringComparison.Ordinal);
        }

        Assert.Empty(Directory.GetFiles(Path.Combine(_server.StoreDirectory, "blobs"), "sha256-*"));
    }
}
