import Crypto
import Foundation
import Testing
@testable import Ledger

/// Reproduces every value of the shared protocol vectors from their inputs: keys, canonical
/// bodies, signing inputs, signatures, txids, envelopes, leaf hashes, ticket ids, store proofs,
/// Merkle roots and proofs, block headers, hashes and signatures.
@Suite struct SharedVectorTests {
    let v: JSONValue
    let keys: [String: SigningKey]

    init() throws {
        v = .object(try SharedVectors.load())
        var keys: [String: SigningKey] = [:]
        for m in try #require(v["keys"].objectValue).members {
            let key = try SigningKey(seed: try Base64URL.decode(m.value["seed_b64u"].s))
            #expect(key.publicKey.base64url == m.value["public_b64u"].s, "public key of \(m.key)")
            keys[key.publicKey.base64url] = key
        }
        self.keys = keys
    }

    @Test func repositoryCopyMatchesTheSharedSpecification() throws {
        guard let shared = FileManager.default.contents(atPath: SharedVectors.sharedSpec.path) else { return }
        let copy = try #require(FileManager.default.contents(atPath: SharedVectors.repoCopy.path))
        #expect(copy == shared, "Tests/LedgerTests/Vectors/vectors.json is out of date: copy it from the shared spec")
    }

    @Test func transactionsReproduceByteForByte() throws {
        let txs = v["transactions"].list
        #expect(txs.count == 10)
        for t in txs {
            let body = try #require(t["body"].objectValue)
            // Decode strictly into our types and encode again: the typed model must lose nothing.
            let tx = try Transaction(body: body)
            #expect(tx.type.rawValue == t["type"].s)
            let jcs = JCS.encode(.object(tx.body))
            #expect(String(decoding: jcs, as: UTF8.self) == t["body_jcs"].s)
            let key = try #require(keys[tx.signer.base64url], "no key for signer of \(t["type"].s)")
            let signed = SignedTx(signing: tx, with: key)
            #expect(Base64URL.encode(signed.signingInput) == t["signing_input_b64u"].s)
            #expect(Base64URL.encode(signed.signature) == t["sig"].s)
            #expect(signed.txid == t["txid"].s)
            #expect(String(decoding: signed.envelopeJCS, as: UTF8.self) == t["envelope_jcs"].s)
            #expect(signed.leafHash.base64url == t["leaf_hash_b64u"].s)
            // And the envelope as given parses to the same transaction with a valid signature.
            let parsed = try SignedTx(json: Array(t["envelope_jcs"].s.utf8))
            #expect(parsed.txid == t["txid"].s && parsed.verifySignature())
        }
    }

    @Test func ticketIdsReproduce() {
        let ids = v["ticket_ids"]["ids"].list.map(\.s)
        let txid = v["ticket_ids"]["issue_txid"].s
        #expect(ids == (0..<ids.count).map { TicketID.derive(txid: txid, index: $0) })
    }

    @Test func storeProofsReproduce() throws {
        let net = v["transactions"][0]["body"]["net"].s
        let storeKey = try #require(keys[v["keys"]["store-1"]["public_b64u"].s])
        for p in v["store_proofs"].list {
            let message = StoreProof.message(net: net, store: p["store"].s, epoch: p["epoch"].i)
            #expect(Base64URL.encode(message) == p["message_b64u"].s)
            #expect(StoreProof.sign(net: net, store: p["store"].s, epoch: p["epoch"].i, key: storeKey) == p["proof"].s)
            let blockTime = p["epoch"].i * StoreProof.epochMillis + 1
            #expect(StoreProof.verify(p["proof"].s, net: net, store: p["store"].s, storeKey: storeKey.publicKey, blockTime: blockTime))
        }
    }

    @Test func blocksReproduceAndChain() throws {
        let nodeKey = try #require(keys[v["keys"]["node"]["public_b64u"].s])
        var signed: [SignedHeader] = []
        for b in v["blocks"].list {
            let header = try BlockHeader(json: b["header"])
            #expect(String(decoding: header.canonical, as: UTF8.self) == b["header_jcs"].s)
            #expect(header.hash == b["hash"].s)
            let sig = header.sign(with: nodeKey)
            #expect(Base64URL.encode(sig) == b["sig"].s)
            signed.append(SignedHeader(header: header, signature: sig))
        }
        let net = v["transactions"][0]["body"]["net"].s
        #expect(HeaderChain.firstProblem(signed, net: net, nodes: [nodeKey.publicKey]) == nil)
    }

    /// Runs the ten transactions through the validation state machine in the two blocks of the
    /// vectors, at the blocks' times: all are accepted and the issue makes the vector ticket ids.
    @Test func transactionsValidateInTheirBlocks() throws {
        let state = MemoryState()
        let txs = try v["transactions"].list.map { try SignedTx(json: Array($0["envelope_jcs"].s.utf8)) }
        for b in v["blocks"].list {
            let first = Int(b["header"]["first"].i), count = Int(b["header"]["count"].i)
            for tx in txs[first..<first + count] {
                state.apply(try Validator.validate(tx, state: state, blockTime: b["header"]["time"].i))
            }
        }
        let ids = v["ticket_ids"]["ids"].list.map(\.s)
        for id in ids { #expect(state.ticket(id) != nil) }
        let bob = try PublicKey(base64url: v["keys"]["bob"]["public_b64u"].s)
        #expect(state.ticket(ids[0])?.holder == bob)
        #expect(state.ticket(ids[0])?.package == v["ticket_ids"]["issue_txid"].s)
        #expect(state.ticket(ids[0])?.issuer == "ramen-1")
    }
}
