using System.ComponentModel;
using System.IO.Pipes;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Cyclone.Agent.Executors;

/// <summary>
/// A program started with posix_spawn in a session of its own (pid = process group = session), stdin from /dev/null and
/// stdout and stderr on pipes. Unlike <see cref="System.Diagnostics.Process"/> it needs no setsid program (one exec less
/// per task) and no runtime-wide child bookkeeping: a thread of its own waits for it and reaps it.
/// </summary>
internal sealed unsafe class SessionProcess : IDisposable
{
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SessionProcess(int pid, Stream stdout, Stream stderr)
    {
        Id = pid;
        StandardOutput = stdout;
        StandardError = stderr;
    }

    public int Id { get; }

    public Stream StandardOutput { get; }

    public Stream StandardError { get; }

    /// <summary>Completes with the exit status once the process is reaped: its code, or 128 + the signal that ended it.</summary>
    public Task<int> Exited => _exited.Task;

    public bool HasExited => _exited.Task.IsCompleted;

    /// <summary>Starts <paramref name="program"/> (a path) with <paramref name="arguments"/> and exactly <paramref name="environment"/>.</summary>
    /// <exception cref="Win32Exception">The program could not be started (the error says why).</exception>
    public static SessionProcess Start(string program, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        var strings = new List<nint>();
        var fds = stackalloc int[4] { -1, -1, -1, -1 };
        var actions = stackalloc byte[NativeMethods.OpaqueBytes];
        var attributes = stackalloc byte[NativeMethods.OpaqueBytes];
        var signals = stackalloc byte[NativeMethods.OpaqueBytes];
        Ok(NativeMethods.FileActionsInit(actions), "posix_spawn_file_actions_init");
        Ok(NativeMethods.AttributesInit(attributes), "posix_spawnattr_init");
        try
        {
            if (NativeMethods.Pipe2(fds, NativeMethods.OpenCloexecFlag) != 0 || NativeMethods.Pipe2(fds + 2, NativeMethods.OpenCloexecFlag) != 0)
            {
                throw new Win32Exception(Marshal.GetLastPInvokeError(), "cannot create the output pipes");
            }

            Ok(NativeMethods.FileActionsAddOpen(actions, 0, NativeStrings.Utf8("/dev/null", strings), 0, 0), "posix_spawn_file_actions_addopen");
            Ok(NativeMethods.FileActionsAddDup2(actions, fds[1], 1), "posix_spawn_file_actions_adddup2");
            Ok(NativeMethods.FileActionsAddDup2(actions, fds[3], 2), "posix_spawn_file_actions_adddup2");
            Ok(NativeMethods.FileActionsAddChdir(actions, NativeStrings.Utf8(workingDirectory, strings)), "posix_spawn_file_actions_addchdir_np");
            Ok(NativeMethods.SigFillSet(signals), "sigfillset");
            Ok(NativeMethods.AttributesSetSigDefault(attributes, signals), "posix_spawnattr_setsigdefault"); // every handler back to its default in the child
            Ok(NativeMethods.SigEmptySet(signals), "sigemptyset");
            Ok(NativeMethods.AttributesSetSigMask(attributes, signals), "posix_spawnattr_setsigmask"); // and nothing blocked
            Ok(NativeMethods.AttributesSetFlags(attributes, NativeMethods.SpawnSetSid | NativeMethods.SpawnSetSigDefault | NativeMethods.SpawnSetSigMask), "posix_spawnattr_setflags");

            var argv = stackalloc byte*[arguments.Count + 2];
            argv[0] = NativeStrings.Utf8(program, strings);
            for (var i = 0; i < arguments.Count; i++)
            {
                argv[i + 1] = NativeStrings.Utf8(arguments[i], strings);
            }

            argv[arguments.Count + 1] = null;
            var envp = NativeStrings.Array(environment.Count, strings);
            var e = 0;
            foreach (var (key, value) in environment)
            {
                envp[e++] = NativeStrings.Utf8($"{key}={value}", strings);
            }

            var error = NativeMethods.PosixSpawn(out var pid, argv[0], actions, attributes, argv, envp);
            if (error != 0)
            {
                throw new Win32Exception(error);
            }

            _ = NativeMethods.Close(fds[1]);
            _ = NativeMethods.Close(fds[3]);
            fds[1] = fds[3] = -1;
            var process = new SessionProcess(pid, Reader(fds[0]), Reader(fds[2]));
            fds[0] = fds[2] = -1;
            process.StartReaper();
            return process;
        }
        finally
        {
            _ = NativeMethods.FileActionsDestroy(actions);
            _ = NativeMethods.AttributesDestroy(attributes);
            for (var i = 0; i < 4; i++)
            {
                if (fds[i] >= 0)
                {
                    _ = NativeMethods.Close(fds[i]);
                }
            }

            NativeStrings.Free(strings);
        }
    }

    public void Dispose()
    {
        StandardOutput.Dispose();
        StandardError.Dispose();
    }

    /// <summary>Throws when a libc call answered an error (its code, or -1 with errno).</summary>
    private static void Ok(int result, string call)
    {
        if (result != 0)
        {
            throw new Win32Exception(result > 0 ? result : Marshal.GetLastPInvokeError(), $"{call} failed");
        }
    }

    private static AnonymousPipeClientStream Reader(int fd) => new AnonymousPipeClientStream(PipeDirection.In, new SafePipeHandle(fd, ownsHandle: true));

    private void StartReaper()
    {
        var thread = new Thread(Reap, maxStackSize: 64 * 1024) { IsBackground = true, Name = $"reap {Id}" };
        thread.Start();
    }

    private void Reap()
    {
        int status;
        while (NativeMethods.WaitPid(Id, &status, 0) < 0)
        {
            if (Marshal.GetLastPInvokeError() != NativeMethods.Eintr)
            {
                _exited.TrySetResult(-1); // not our child any more (reaped elsewhere): its status is lost
                return;
            }
        }

        var signal = status & 0x7f;
        _exited.TrySetResult(signal == 0 ? (status >> 8) & 0xff : 128 + signal);
    }
}
