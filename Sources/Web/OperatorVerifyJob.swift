import Foundation
import Services

/// "Verify now" on the network page: a full `LedgerVerifier` replay of this node's database file
/// (opened read-only by path, as `kippu verify` does) on a background thread, one at a time.
final class OperatorVerifyJob: @unchecked Sendable {
    static let shared = OperatorVerifyJob()

    enum State: String, Sendable { case idle, running, ok, failed }

    /// What the page shows.
    struct Status: Sendable {
        var state: State = .idle
        /// Leaves replayed so far, and the log size when the check started.
        var checked: Int64 = 0
        var total: Int64 = 0
        var height: Int64 = -1
        var root: String = ""
        var seconds: Double = 0
        /// The first problem, or the error that stopped the check.
        var problem: String = ""
        var started: Int64 = 0
        var startedBy: String = ""
    }

    private let lock = NSLock()
    private var _status = Status()

    var status: Status { lock.withLock { _status } }

    /// Starts a check of `path` unless one is running; false if one is.
    @discardableResult
    func start(path: String, total: Int64, now: Int64, by username: String) -> Bool {
        let go: Bool = lock.withLock {
            if _status.state == .running { return false }
            _status = Status(state: .running, total: total, started: now, startedBy: username)
            return true
        }
        guard go else { return false }
        let thread = Thread { [self] in
            let outcome: Status
            do {
                let report = try LedgerVerifier.verify(path: path, progress: { [self] n in lock.withLock { _status.checked = n } })
                outcome = lock.withLock {
                    var s = _status
                    s.state = report.ok ? .ok : .failed
                    s.checked = report.size
                    s.height = report.height
                    s.root = report.root?.base64url ?? ""
                    s.seconds = report.seconds
                    s.problem = report.problem?.description ?? ""
                    return s
                }
            } catch {
                outcome = lock.withLock {
                    var s = _status
                    s.state = .failed
                    s.problem = "\(error)"
                    return s
                }
            }
            lock.withLock { _status = outcome }
        }
        thread.name = "kippu-verify"
        thread.start()
        return true
    }

    /// `{"state":…,"checked":…,"total":…,"final":…}` for the page's poller.
    var json: String {
        let s = status
        return "{\"state\":\"\(s.state.rawValue)\",\"checked\":\(s.checked),\"total\":\(s.total),\"final\":\(s.state != .running)}"
    }
}
