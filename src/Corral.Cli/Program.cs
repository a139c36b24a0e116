using System.Runtime.InteropServices;
using System.Text;
using Corral.Cli;

Console.OutputEncoding = new UTF8Encoding(false);
var console = CliConsole.FromSystemConsole();
using var shutdown = new CancellationTokenSource();

Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    if (!console.Interrupt())
    {
        shutdown.Cancel();
    }
};

using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    shutdown.Cancel();
});

return await CliApp.RunAsync(args, console, shutdown.Token);
