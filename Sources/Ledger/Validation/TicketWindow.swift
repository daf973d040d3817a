/// A ticket's validity window, fixed at issue (PROTOCOL §2, "Window").
///
/// `from` = `validity.from` if given, else the issuing block's time; `until` = the earlier of
/// `validity.until` and issue time + `days` × 86,400,000. The window is `[from, until)`.
public struct TicketWindow: Sendable, Equatable {
    /// One day in milliseconds.
    public static let day: Int64 = 86_400_000

    public var from: Int64
    public var until: Int64?

    public init(from: Int64, until: Int64?) { self.from = from; self.until = until }

    /// The window a product's ticket gets when issued at `issuedAt`.
    public init(_ terms: ProductTerms, issuedAt: Int64) {
        from = terms.validity.from ?? issuedAt
        let byDays = terms.validity.days.map { issuedAt + $0 * TicketWindow.day }
        until = TicketWindow.earlier(terms.validity.until, byDays)
    }

    /// The overlap of two windows (a package's component lives within the package's window).
    public func intersected(with other: TicketWindow) -> TicketWindow {
        TicketWindow(from: max(from, other.from), until: TicketWindow.earlier(until, other.until))
    }

    /// True when no moment at or after `time` lies in the window.
    public func isOver(at time: Int64) -> Bool {
        guard let until else { return false }
        return time >= until || from >= until
    }

    static func earlier(_ a: Int64?, _ b: Int64?) -> Int64? {
        switch (a, b) {
        case let (x?, y?): min(x, y)
        case let (x?, nil): x
        case let (nil, y?): y
        case (nil, nil): nil
        }
    }

    /// Transfers a product's policy allows: nil unlimited, 0 none.
    static func maxTransfers(_ t: ProductTerms.Transfer) -> Int64? { t.allowed ? t.max : 0 }

    /// The stricter of two transfer limits.
    static func combine(_ a: Int64?, _ b: Int64?) -> Int64? { earlier(a, b) }
}
