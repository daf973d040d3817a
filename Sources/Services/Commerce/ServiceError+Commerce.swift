import Ledger

extension ServiceError.Code {
    /// The product cannot be bought now for a reason other than a ledger rule (no live sales
    /// delegation for this node); see `SaleStatus.Reason`.
    public static let notOnSale = ServiceError.Code(rawValue: "not_on_sale")
}

extension ServiceError {
    /// Runs `body`, passing service errors through, wrapping ledger errors with their code and
    /// turning anything else (storage, I/O) into `unavailable` without leaking its details.
    static func guarding<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as ServiceError { throw e } catch let e as LedgerError {
            throw ServiceError(e)
        } catch {
            throw ServiceError(.unavailable, "the node's storage failed; try again later")
        }
    }

    /// A `not_found` for a record of the application (orders, requests), also used for
    /// another tenant's records so their existence does not leak.
    static func missing(_ what: String) -> ServiceError { ServiceError(.notFound, "no \(what)") }
}
