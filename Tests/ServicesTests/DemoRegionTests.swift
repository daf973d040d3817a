import Crypto
import Ledger
import Testing
@testable import Services

/// The demo region script: valid end to end, the right size, repeatable, Japanese.
@Suite struct DemoRegionTests {
    static let net = "kitakata-demo"
    /// 2026-03-14 09:00 JST (00:00 UTC): the festival day is JST 2026-03-14.
    static let start: Int64 = 1_773_446_400_000
    static let day: Int64 = 86_400_000
    static let operatorKey = try! SigningKey(seed: SHA256.hash(Array("kippu-demo-test-operator".utf8)))
    static let nodeKey = try! SigningKey(seed: SHA256.hash(Array("kippu-demo-test-node".utf8)))

    static func build(seed: String = "demo-seed", start: Int64 = start) -> DemoRegion {
        DemoRegion.build(net: net, operatorKey: operatorKey, start: start, random: SeededRandom(seed: seed))
    }

    /// A state holding the genesis (made a minute before `start`) and every step, each validated
    /// at its own time; records the first rejection.
    static func replay(_ demo: DemoRegion, start: Int64 = start) throws -> MemoryState {
        let state = MemoryState()
        let genesisTime = start - 60_000
        let genesis = SignedTx(signing: Transaction(
            net: net, signer: operatorKey.publicKey, time: genesisTime, nonce: Base64URL.encode(Array(repeating: 7, count: 16)),
            payload: .genesis(Genesis(name: DemoRegion.regionName, operators: [operatorKey.publicKey], nodes: [nodeKey.publicKey]))),
            with: operatorKey)
        state.apply(try Validator.validate(genesis, state: state, blockTime: genesisTime))
        for (i, step) in demo.steps.enumerated() {
            do {
                state.apply(try Validator.validate(step.tx, state: state, blockTime: step.time))
            } catch {
                Issue.record("step \(i) (\(step.tx.tx.type.rawValue)) rejected: \(error)")
                throw error
            }
        }
        return state
    }

    static func jstDate(_ time: Int64) -> Int64 { (time + 9 * 3_600_000) / day }

    @Test func everyStepIsAcceptedInOrderAtItsTime() throws {
        let demo = Self.build()
        #expect(demo.steps.first?.tx.tx.type == .merchantRegister)
        for (a, b) in zip(demo.steps, demo.steps.dropFirst()) { #expect(a.time <= b.time) }
        #expect(demo.steps.allSatisfy { $0.tx.tx.time == $0.time && $0.time >= Self.start && $0.tx.tx.net == Self.net })
        let state = try Self.replay(demo)
        #expect(state.txids.count == demo.steps.count + 1)
    }

    @Test func aDemoStartedLateInTheDayIsStillValid() throws {
        let late = Self.start + 14 * 3_600_000  // 23:00 JST
        let demo = Self.build(seed: "late", start: late)
        let state = try Self.replay(demo, start: late)
        #expect(state.txids.count == demo.steps.count + 1)
        #expect(demo.summary.uses > 0)
    }

    @Test func regionHasTheFestivalsShapeAndActivity() throws {
        let demo = Self.build()
        let state = try Self.replay(demo)
        let breweries = state.merchants.values.filter { $0.industries == ["sake"] }
        let shops = state.merchants.values.filter { $0.industries != ["sake"] }
        #expect(breweries.count == 12)
        #expect(shops.count == 31)
        #expect(Set(shops.flatMap(\.industries)) == ["bar", "izakaya", "karaoke", "ramen", "confectionery"])
        #expect(state.stores.values.filter { $0.merchant.hasPrefix("brewery-") == false }.count == 31)
        #expect(state.stores.values.allSatisfy { $0.attrs["city"] == .string("kitakata") && $0.attrs["small"]?.boolValue != nil })

        let s = demo.summary
        #expect(s.merchants == 43 && s.stores == state.stores.count && s.products == state.products.count)
        #expect(state.tickets.count == s.ticketsIssued)
        #expect(s.ticketsIssued >= 300)
        #expect(s.consumers >= 100)
        #expect(s.transfers >= 10)
        #expect(demo.steps.filter { $0.tx.tx.type == .ticketTransfer }.count == s.transfers)
        let uses = demo.steps.filter { $0.tx.tx.type == .ticketUse }
        #expect(uses.count == s.uses)
        #expect(state.tickets.values.filter { $0.state == .used }.count == s.uses)
        #expect(Set(uses.map { Self.jstDate($0.time) }).count == 2)

        // The sales delegate issues most tickets; the package is capped and endorsed.
        let salesKey = try #require(demo.keys.first { $0.name == "sales" }).key.publicKey
        let bySales = Set(demo.steps.filter { $0.tx.tx.type == .ticketIssue && $0.tx.tx.signer == salesKey }.map(\.tx.txid))
        #expect(state.tickets.values.filter { bySales.contains($0.issuedBy) }.count * 2 > s.ticketsIssued)
        let package = try #require(state.products["festa-set"])
        #expect(package.cap == 500 && package.endorsedBy.count == 8 && package.terms.price == 3_000)
        #expect(state.products["festa-entry"]?.terms.price == 3_000)
        #expect(state.products.values.filter { $0.terms.kind == .coupon && !$0.terms.isPackage }
            .allSatisfy { (100...500).contains($0.terms.faceValue ?? 0) })

        // Someone trying the demo later still has tickets to use.
        let later = Self.start + 2 * Self.day
        let usable = state.tickets.values.filter { $0.state == .active && $0.validFrom <= later && ($0.validUntil ?? .max) > later + 30 * Self.day }
        #expect(usable.count >= 50)
    }

    @Test func keysAndLoginsCoverEveryone() throws {
        let demo = Self.build()
        #expect(Set(demo.keys.map(\.name)).count == demo.keys.count)
        #expect(demo.keys.filter { $0.role == .consumer }.count == demo.summary.consumers)
        #expect(demo.keys.contains { $0.name == "merchant/brewery-01" && $0.role == .merchant })
        #expect(demo.keys.contains { $0.name == "store/ramen-03" && $0.role == .store })
        #expect(demo.keys.contains { $0.name == "consumer/0042" })
        #expect(demo.logins.map(\.role) == [.operator, .merchant, .merchant])
        let byName = Dictionary(uniqueKeysWithValues: demo.keys.map { ($0.name, $0.key.publicKey) })
        let state = try Self.replay(demo)
        for login in demo.logins where login.role == .merchant {
            let merchant = try #require(login.merchant.flatMap { state.merchants[$0] })
            #expect(merchant.name == login.displayName)
            #expect(login.keyName.flatMap { byName[$0] } == merchant.key)
        }
        #expect(demo.logins.contains { $0.merchant?.hasPrefix("ramen-") == true })
    }

    @Test func sameSeedSameTransactionsOtherSeedOthers() {
        let a = Self.build().steps.map(\.tx.txid)
        let b = Self.build().steps.map(\.tx.txid)
        let c = Self.build(seed: "another-seed").steps.map(\.tx.txid)
        #expect(a == b)
        #expect(a != c)
        #expect(Set(a).isDisjoint(with: Set(c)))
    }

    @Test func namesAreJapaneseAndIdsFollowTheProtocol() {
        let demo = Self.build()
        var names: [String] = []
        var ids: [String] = []
        for step in demo.steps {
            switch step.tx.tx.payload {
            case .merchantRegister(let p): names.append(p.name); ids += [p.merchant] + p.industries
            case .storeRegister(let p): names.append(p.name); ids += [p.store, p.merchant, p.industry]
            case .productRegister(let p):
                names += [p.name, p.description]; ids += [p.product, p.issuer] + (p.components ?? []).map(\.product)
            case .ticketUse(let p): ids.append(p.store)
            default: break
            }
        }
        #expect(names.count > 80)
        #expect(names.allSatisfy { $0.unicodeScalars.contains { !$0.isASCII } })
        #expect(ids.allSatisfy(Identifier.isValid))
        #expect(demo.logins.allSatisfy { $0.displayName.unicodeScalars.contains { !$0.isASCII } })
    }
}
