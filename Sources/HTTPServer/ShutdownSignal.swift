import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Waits for SIGTERM/SIGINT through DispatchSource (safe: no code runs in a C signal handler).
public final class ShutdownSignal {
    /// Blocks until one of `signals` arrives and returns it. The default actions of these
    /// signals stay disabled afterwards, so a second signal does not kill a draining process.
    public static func wait(_ signals: [Int32] = [SIGTERM, SIGINT]) -> Int32 {
        let queue = DispatchQueue(label: "kippu.shutdown-signal")
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var received: Int32 = 0
        var sources: [DispatchSourceSignal] = []
        for sig in signals {
            signal(sig, SIG_IGN)
            let s = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            s.setEventHandler {
                if received == 0 { received = sig; done.signal() }
            }
            s.resume()
            sources.append(s)
        }
        done.wait()
        let sig = queue.sync { received }
        for s in sources { s.cancel() }
        return sig
    }
}
