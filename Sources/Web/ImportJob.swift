import Foundation
import Crypto
import Services

/// One store import: the checked file, then (once started) its registration in the background,
/// one `AdminService.createStore` per valid row (each store's QR key goes into the vault).
///
/// A file with problems waits in `review` and registers nothing until the operator chooses to
/// import its valid rows. Progress is read by the page's poller while a thread works.
final class ImportJob: @unchecked Sendable {
    enum State: String, Sendable { case review, running, done }

    /// A row the ledger refused while registering (e.g. an id taken meanwhile).
    struct Failure: Sendable {
        let line: Int
        let store: String
        let code: String
    }

    let id: String
    /// The staff user who uploaded it (only they may see or start it).
    let owner: Int64
    let fileName: String
    let check: ImportStoreCSV.Result
    let created: Int64

    private let lock = NSLock()
    private var _state: State = .review
    private var _done = 0
    private var _failures: [Failure] = []
    private var _stores: [String] = []

    init(owner: Int64, fileName: String, check: ImportStoreCSV.Result, created: Int64) {
        self.id = "imp" + Base64URL.encode(SystemRandom().bytes(count: 12))
        self.owner = owner
        self.fileName = fileName
        self.check = check
        self.created = created
    }

    /// A consistent view of the progress.
    struct Progress: Sendable {
        let state: State
        let done: Int
        let total: Int
        let failures: [Failure]
        let stores: [String]
        var failed: Int { failures.count }
        var imported: Int { done - failures.count }
    }

    var progress: Progress {
        lock.withLock { Progress(state: _state, done: _done, total: check.rows.count, failures: _failures, stores: _stores) }
    }

    /// Starts registering the valid rows on a background thread; false if already started.
    @discardableResult
    func start(admin: AdminService, by identity: StaffIdentity) -> Bool {
        let (started, work): (Bool, Bool) = lock.withLock {
            guard _state == .review else { return (false, false) }
            _state = check.rows.isEmpty ? .done : .running
            return (true, !check.rows.isEmpty)
        }
        guard work else { return started }
        let thread = Thread { [self] in run(admin: admin, identity: identity) }
        thread.name = "kippu-import-\(id)"
        thread.start()
        return true
    }

    private func run(admin: AdminService, identity: StaffIdentity) {
        for row in check.rows {
            var failure: Failure?
            do {
                _ = try admin.createStore(row.draft, by: identity)
            } catch let e as ServiceError {
                failure = Failure(line: row.line, store: row.draft.store, code: e.code.rawValue)
            } catch {
                failure = Failure(line: row.line, store: row.draft.store, code: "unavailable")
            }
            lock.withLock {
                _done += 1
                if let failure { _failures.append(failure) } else { _stores.append(row.draft.store) }
            }
        }
        lock.withLock { _state = .done }
    }

    /// `{"state":…,"done":…,"total":…,"failed":…,"final":…}` for the page's poller.
    var json: String {
        let p = progress
        return "{\"state\":\"\(p.state.rawValue)\",\"done\":\(p.done),\"total\":\(p.total),\"failed\":\(p.failed),\"final\":\(p.state == .done)}"
    }
}

/// The import jobs of this node, in memory (the stores themselves are on the ledger): the most
/// recent `keep` are kept.
final class ImportJobs: @unchecked Sendable {
    static let shared = ImportJobs()
    static let keep = 50

    private let lock = NSLock()
    private var jobs: [ImportJob] = []

    func add(_ job: ImportJob) {
        lock.withLock {
            jobs.append(job)
            // Drop the oldest finished or unstarted jobs beyond `keep`; running ones stay.
            while jobs.count > Self.keep, let i = jobs.firstIndex(where: { $0.progress.state != .running }) { jobs.remove(at: i) }
        }
    }

    /// The job `id` if `owner` uploaded it.
    func job(_ id: String, owner: Int64) -> ImportJob? {
        lock.withLock { jobs.first { $0.id == id && $0.owner == owner } }
    }

    /// `owner`'s jobs, newest first.
    func jobs(owner: Int64) -> [ImportJob] {
        lock.withLock { jobs.filter { $0.owner == owner }.reversed() }
    }
}
