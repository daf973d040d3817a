import Crypto
import Ledger

/// A ticket the demo will create, named before its issuing transaction is signed:
/// the planned issue (by sequence number) and the ticket number within it (PROTOCOL §2, "Tickets").
struct DemoTicketRef: Hashable {
    let issue: Int
    let index: Int
}

/// What one planned step does. Transfers and uses name tickets by reference, because a ticket
/// id depends on the txid of its issue, which exists only once the issue is signed.
enum DemoAction {
    case payload(Payload)
    case transfer(DemoTicketRef, to: PublicKey)
    case use(DemoTicketRef, store: DemoStoreRef, amount: Int64?)
}

/// A store and its QR key, as a use needs them.
struct DemoStoreRef {
    let id: String
    let key: SigningKey
    /// A screen showing a rotating code (epoch = floor(ms / 30000)) rather than a printed one (epoch 0).
    let rotating: Bool
}

/// The demo as a list of timed actions, signed in chronological order at the end.
///
/// Every action gets a sequence number; ties in time keep that order, and a planner always gives
/// a dependent action (a transfer after its issue, a use after its transfer) a strictly later time.
struct DemoScript {
    private struct Event {
        let time: Int64
        let seq: Int
        let signer: SigningKey
        let action: DemoAction
    }

    private var events: [Event] = []

    /// Adds an action; returns its sequence number (the `issue` of the tickets an issue creates).
    @discardableResult
    mutating func add(_ action: DemoAction, at time: Int64, by signer: SigningKey) -> Int {
        let seq = events.count
        events.append(Event(time: time, seq: seq, signer: signer, action: action))
        return seq
    }

    /// Signs every action in chronological order. Nonces come from `dice`, so equal inputs give
    /// equal transactions.
    func sign(net: String, dice: DemoDice) -> [DemoStep] {
        let ordered = events.sorted { ($0.time, $0.seq) < ($1.time, $1.seq) }
        var txids: [Int: String] = [:]
        var steps: [DemoStep] = []
        steps.reserveCapacity(ordered.count)
        for event in ordered {
            let payload: Payload
            switch event.action {
            case .payload(let p):
                payload = p
            case .transfer(let ref, let to):
                payload = .ticketTransfer(TicketTransfer(ticket: Self.ticketID(ref, txids), to: to))
            case .use(let ref, let store, let amount):
                let epoch = store.rotating ? StoreProof.epoch(at: event.time) : 0
                let proof = StoreProof.sign(net: net, store: store.id, epoch: epoch, key: store.key)
                payload = .ticketUse(TicketUse(ticket: Self.ticketID(ref, txids), store: store.id, storeProof: proof, amount: amount))
            }
            let tx = Transaction(net: net, signer: event.signer.publicKey, time: event.time, nonce: dice.nonce(), payload: payload)
            let signed = SignedTx(signing: tx, with: event.signer)
            if case .ticketIssue = payload { txids[event.seq] = signed.txid }
            steps.append(DemoStep(time: event.time, tx: signed))
        }
        return steps
    }

    private static func ticketID(_ ref: DemoTicketRef, _ txids: [Int: String]) -> String {
        guard let txid = txids[ref.issue] else { preconditionFailure("demo: a ticket is used before its issue") }
        return TicketID.derive(txid: txid, index: ref.index)
    }
}

/// Deterministic choices drawn from an injected `RandomSource`.
struct DemoDice {
    let random: any RandomSource

    /// A uniform integer in `range` (the modulo bias of a 64-bit draw is irrelevant here).
    func int(_ range: ClosedRange<Int64>) -> Int64 {
        let span = UInt64(range.upperBound - range.lowerBound) + 1
        let draw = random.bytes(count: 8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return range.lowerBound + Int64(draw % span)
    }

    /// True with probability `percent` / 100.
    func chance(_ percent: Int) -> Bool { int(0...99) < Int64(percent) }

    /// One element of a non-empty array.
    func pick<T>(_ items: [T]) -> T { items[Int(int(0...Int64(items.count - 1)))] }

    /// A Fisher–Yates shuffle.
    func shuffled<T>(_ items: [T]) -> [T] {
        var out = items
        for i in stride(from: out.count - 1, to: 0, by: -1) {
            out.swapAt(i, Int(int(0...Int64(i))))
        }
        return out
    }

    /// A yen amount in `range`, rounded down to 10 yen.
    func yen(_ range: ClosedRange<Int64>) -> Int64 { int(range) / 10 * 10 }

    /// A transaction nonce: base64url of 16 random bytes.
    func nonce() -> String { Base64URL.encode(random.bytes(count: 16)) }

    /// A fresh Ed25519 key.
    func key() -> SigningKey { SigningKey.generate(using: random) }
}

/// Wall-clock times of the demo in Japan Standard Time (UTC+9, no daylight saving).
struct DemoCalendar {
    static let minute: Int64 = 60_000
    static let hour: Int64 = 3_600_000
    static let day: Int64 = 86_400_000
    static let jstOffset: Int64 = 9 * hour

    /// Start of the demo period, ms UTC.
    let start: Int64
    /// JST midnight (as ms UTC) of the day `start` falls on: the festival day.
    let day0: Int64

    init(start: Int64) {
        self.start = start
        let local = start + Self.jstOffset
        let days = local >= 0 ? local / Self.day : (local - Self.day + 1) / Self.day
        day0 = days * Self.day - Self.jstOffset
    }

    /// `hour:minute` JST on day `day` of the demo (0 = festival day, 1 = the morning after).
    func at(day: Int64, _ hour: Int64, _ minute: Int64 = 0) -> Int64 {
        day0 + day * Self.day + hour * Self.hour + minute * Self.minute
    }
}

/// A span of wall-clock time in which something happens at a random moment.
struct DemoWindow {
    let from: Int64
    let until: Int64

    /// A random moment in the window, never before `floor`: a window that lies wholly before
    /// `floor` (a demo started late in the day) moves to the hour after it.
    func draw(_ dice: DemoDice, notBefore floor: Int64) -> Int64 {
        let lo = max(from, floor)
        let hi = max(until, lo + DemoCalendar.hour)
        return dice.int(lo...hi)
    }
}
