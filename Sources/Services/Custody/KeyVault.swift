import Crypto
import Foundation
import Ledger

/// Keys the server holds for others (operator, merchants, the sales delegate), sealed with a
/// master key (libsodium secretbox) in files outside the database.
///
/// Layout of the vault directory (mode 0700):
/// - `master.key` — base64url of 32 random bytes, mode 0600;
/// - `vault.json` — `{"name": "<base64url(nonce || secretbox(seed))>", ...}` (JCS), mode 0600,
///   replaced atomically (write to a temporary file, fsync, rename).
/// The node key is a plain PROTOCOL §5 key file (`node.key`) beside them, since operators
/// pass it with `--node-key`.
public final class KeyVault: @unchecked Sendable {
    /// The vault directory.
    public let directory: String
    private let master: [UInt8]
    private let lock = NSLock()
    private var sealed: [String: String]

    /// The directory that holds the keys of the ledger at `dbPath`: `<dbPath>.keys`.
    public static func directory(forDatabase dbPath: String) -> String { dbPath + ".keys" }

    private init(directory: String, master: [UInt8], sealed: [String: String]) {
        self.directory = directory; self.master = master; self.sealed = sealed
    }

    /// Creates a new vault directory with a fresh master key. Refuses an existing vault.
    public static func create(directory: String, random: RandomSource = SystemRandom()) throws -> KeyVault {
        let fm = FileManager.default
        if fm.fileExists(atPath: directory + "/master.key") {
            throw KeyFileError("a key vault already exists at \(directory)")
        }
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let master = random.bytes(count: SecretBox.keyBytes)
        try SecureFile.create(directory + "/master.key", contents: Array((Base64URL.encode(master) + "\n").utf8))
        let vault = KeyVault(directory: directory, master: master, sealed: [:])
        try vault.save()
        return vault
    }

    /// Opens an existing vault.
    public static func open(directory: String) throws -> KeyVault {
        let masterText = try SecureFile.readLine(directory + "/master.key")
        guard let master = try? Base64URL.decode(masterText), master.count == SecretBox.keyBytes else {
            throw KeyFileError("\(directory)/master.key is not a master key")
        }
        let data = try SecureFile.read(directory + "/vault.json")
        guard case .object(let o) = try JCS.parse(data, maxBytes: 64 << 20) else { throw KeyFileError("vault.json is not an object") }
        var sealed: [String: String] = [:]
        for m in o.members {
            guard case .string(let s) = m.value else { throw KeyFileError("vault.json entry \(m.key) is not a string") }
            sealed[m.key] = s
        }
        return KeyVault(directory: directory, master: master, sealed: sealed)
    }

    /// Seals and stores keys under their names (replacing same-named ones), in one write.
    public func put(_ entries: [(name: String, key: SigningKey)]) throws {
        try lock.withLock {
            for e in entries {
                sealed[e.name] = Base64URL.encode(try SecretBox.seal(e.key.seed, key: master))
            }
            try save()
        }
    }

    /// Seals and stores one key.
    public func put(_ name: String, _ key: SigningKey) throws { try put([(name, key)]) }

    /// The key stored under `name`, or nil.
    public func key(_ name: String) throws -> SigningKey? {
        guard let text = lock.withLock({ sealed[name] }) else { return nil }
        guard let box = try? Base64URL.decode(text), let seed = try? SecretBox.open(box, key: master) else {
            throw KeyFileError("the sealed key \"\(name)\" does not open with this vault's master key")
        }
        return try SigningKey(seed: seed)
    }

    /// Every stored name, sorted.
    public var names: [String] { lock.withLock { sealed.keys.sorted() } }

    private func save() throws {
        let object = JSONObject(sealed.map { ($0.key, JSONValue.string($0.value)) })!
        try SecureFile.replace(directory + "/vault.json", contents: JCS.encode(.object(object)))
    }
}

/// A key-file or vault problem; messages never contain key material.
public struct KeyFileError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
