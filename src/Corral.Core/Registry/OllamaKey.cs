using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Corral.Core.Registry;

/// <summary>
/// The user's Ollama identity: an Ed25519 key in OpenSSH format at <c>~/.ollama/id_ed25519</c> (with
/// <c>id_ed25519.pub</c>), the key ollama.com knows the user by. Created on first use, as Ollama does, when missing.
/// Only unencrypted keys are supported (Ollama's are).
/// </summary>
public sealed class OllamaKey
{
    private const string KeyType = "ssh-ed25519";
    private const string Begin = "-----BEGIN OPENSSH PRIVATE KEY-----";
    private const string End = "-----END OPENSSH PRIVATE KEY-----";
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("openssh-key-v1\0");
    private readonly Ed25519PrivateKeyParameters _private;

    private OllamaKey(Ed25519PrivateKeyParameters key)
    {
        _private = key;
        PublicKey = key.GeneratePublicKey().GetEncoded();
    }

    /// <summary>The 32-byte Ed25519 public key.</summary>
    public byte[] PublicKey { get; }

    /// <summary>The public key as <c>authorized_keys</c> writes it, without the type: base64 of its SSH wire form.</summary>
    public string PublicKeyBase64 => Convert.ToBase64String(WirePublicKey(PublicKey));

    /// <summary>Ollama's default key path, <c>~/.ollama/id_ed25519</c>.</summary>
    public static string DefaultPath =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ollama", "id_ed25519");

    /// <summary>Reads the key at <paramref name="path"/>, creating it (and its <c>.pub</c>) when there is none.</summary>
    public static OllamaKey LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return Parse(File.ReadAllText(path));
        }

        var key = new OllamaKey(new Ed25519PrivateKeyParameters(RandomNumberGenerator.GetBytes(32), 0));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(temp, Encoding.ASCII, options))
        {
            writer.Write(key.ToOpenSsh());
        }

        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: use theirs.
            File.Delete(temp);
            return Parse(File.ReadAllText(path));
        }

        File.WriteAllText(path + ".pub", $"{KeyType} {key.PublicKeyBase64}\n");
        return key;
    }

    /// <summary>Parses an unencrypted OpenSSH Ed25519 private key.</summary>
    public static OllamaKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = text.IndexOf(Begin, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            throw Invalid("not an OpenSSH private key");
        }

        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(string.Concat(text[(start + Begin.Length)..end].Where(c => !char.IsWhiteSpace(c))));
        }
        catch (FormatException)
        {
            throw Invalid("not an OpenSSH private key");
        }

        var reader = new SshReader(blob);
        if (!reader.Take(Magic.Length).SequenceEqual(Magic))
        {
            throw Invalid("not an OpenSSH private key");
        }

        if (reader.String() != "none" || reader.String() != "none")
        {
            throw Invalid("the key is encrypted; Corral needs an unencrypted key (as Ollama creates)");
        }

        reader.Bytes();
        if (reader.UInt32() != 1)
        {
            throw Invalid("the key file must hold exactly one key");
        }

        reader.Bytes();
        var section = new SshReader(reader.Bytes());
        if (section.UInt32() != section.UInt32())
        {
            throw Invalid("the key file is damaged");
        }

        if (section.String() != KeyType)
        {
            throw Invalid("the key is not an Ed25519 key");
        }

        var pub = section.Bytes();
        var secret = section.Bytes();
        if (pub.Length != 32 || secret.Length != 64)
        {
            throw Invalid("the key file is damaged");
        }

        var key = new OllamaKey(new Ed25519PrivateKeyParameters(secret, 0));
        return key.PublicKey.AsSpan().SequenceEqual(pub) ? key : throw Invalid("the key file is damaged");
    }

    /// <summary>Ollama's signature header value: <c>&lt;base64 SSH public key&gt;:&lt;base64 Ed25519 signature&gt;</c>.</summary>
    public string Sign(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var signer = new Ed25519Signer();
        signer.Init(true, _private);
        signer.BlockUpdate(data, 0, data.Length);
        return $"{PublicKeyBase64}:{Convert.ToBase64String(signer.GenerateSignature())}";
    }

    /// <summary>Checks a signature header made by <see cref="Sign"/> (what ollama.com does; used by tests and tools).</summary>
    public static bool Verify(string header, byte[] data, out byte[] publicKey)
    {
        ArgumentNullException.ThrowIfNull(header);
        publicKey = [];
        var colon = header.IndexOf(':', StringComparison.Ordinal);
        try
        {
            var wire = new SshReader(Convert.FromBase64String(header[..Math.Max(0, colon)]));
            if (colon < 0 || wire.String() != KeyType || wire.Bytes() is not { Length: 32 } pub)
            {
                return false;
            }

            var signature = Convert.FromBase64String(header[(colon + 1)..]);
            var verifier = new Ed25519Signer();
            verifier.Init(false, new Ed25519PublicKeyParameters(pub, 0));
            verifier.BlockUpdate(data, 0, data.Length);
            publicKey = pub;
            return signature.Length == 64 && verifier.VerifySignature(signature);
        }
        catch (Exception e) when (e is FormatException or InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>The key in OpenSSH's private key format (unencrypted), as <c>ssh-keygen</c> and Ollama write it.</summary>
    public string ToOpenSsh()
    {
        var check = BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4));
        var section = new SshWriter();
        section.UInt32(check);
        section.UInt32(check);
        section.String(KeyType);
        section.Bytes(PublicKey);
        section.Bytes([.. _private.GetEncoded(), .. PublicKey]);
        section.String("");
        for (byte pad = 1; section.Length % 8 != 0; pad++)
        {
            section.Raw([pad]);
        }

        var blob = new SshWriter();
        blob.Raw(Magic);
        blob.String("none");
        blob.String("none");
        blob.String("");
        blob.UInt32(1);
        blob.Bytes(WirePublicKey(PublicKey));
        blob.Bytes(section.ToArray());
        var base64 = Convert.ToBase64String(blob.ToArray());
        var text = new StringBuilder(Begin).Append('\n');
        for (var i = 0; i < base64.Length; i += 70)
        {
            text.Append(base64.AsSpan(i, Math.Min(70, base64.Length - i))).Append('\n');
        }

        return text.Append(End).Append('\n').ToString();
    }

    private static byte[] WirePublicKey(byte[] key)
    {
        var wire = new SshWriter();
        wire.String(KeyType);
        wire.Bytes(key);
        return wire.ToArray();
    }

    private static InvalidDataException Invalid(string why) => new($"Ollama key: {why}");

    private sealed class SshReader(byte[] data)
    {
        private int _offset;

        public ReadOnlySpan<byte> Take(int count)
        {
            if (count < 0 || count > data.Length - _offset)
            {
                throw Invalid("the key file is damaged");
            }

            _offset += count;
            return data.AsSpan(_offset - count, count);
        }

        public uint UInt32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));

        public byte[] Bytes() => Take(checked((int)Math.Min(UInt32(), int.MaxValue))).ToArray();

        public string String() => Encoding.ASCII.GetString(Bytes());
    }

    private sealed class SshWriter
    {
        private readonly MemoryStream _stream = new();

        public long Length => _stream.Length;

        public void Raw(ReadOnlySpan<byte> bytes) => _stream.Write(bytes);

        public void UInt32(uint value)
        {
            Span<byte> buffer = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(buffer, value);
            _stream.Write(buffer);
        }

        public void Bytes(ReadOnlySpan<byte> bytes)
        {
            UInt32((uint)bytes.Length);
            _stream.Write(bytes);
        }

        public void String(string text) => Bytes(Encoding.ASCII.GetBytes(text));

        public byte[] ToArray() => _stream.ToArray();
    }
}
