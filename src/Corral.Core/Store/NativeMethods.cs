using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Corral.Core.Store;

/// <summary>The few libc calls .NET has no API for: <c>link(2)</c> (hard links) and the <c>FICLONE</c> ioctl (reflinks).</summary>
internal static class NativeMethods
{
    /// <summary><c>_IOW(0x94, 9, int)</c>: clone all of a file's extents (btrfs, XFS with reflink, bcachefs, ZFS 2.2+).</summary>
    private const ulong Ficlone = 0x40049409;

    /// <summary>Hard-links <paramref name="existing"/> as <paramref name="link"/>; false when the system refuses (EXDEV, EPERM, …).</summary>
    public static bool TryHardLink(string existing, string link)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        try
        {
            return LinkNative(Utf8z(existing), Utf8z(link)) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Makes <paramref name="destination"/> share <paramref name="source"/>'s extents copy-on-write; false where unsupported.</summary>
    public static bool TryClone(SafeFileHandle source, SafeFileHandle destination)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        var added = false;
        var addedSource = false;
        try
        {
            destination.DangerousAddRef(ref added);
            source.DangerousAddRef(ref addedSource);
            return IoctlNative(destination.DangerousGetHandle().ToInt32(), Ficlone, source.DangerousGetHandle().ToInt32()) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
        finally
        {
            if (addedSource)
            {
                source.DangerousRelease();
            }

            if (added)
            {
                destination.DangerousRelease();
            }
        }
    }

    private static byte[] Utf8z(string path)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(path) + 1];
        Encoding.UTF8.GetBytes(path, bytes);
        return bytes;
    }

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int LinkNative(byte[] existing, byte[] link);

    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int IoctlNative(int fd, ulong request, int argument);
}
