// swift-tools-version:6.0
// Kippu — regional e-tickets and coupons on a verifiable ledger.
// Targets follow docs/ARCHITECTURE (shared/design/ARCHITECTURE.md): dependencies point inward,
// the Ledger core does no I/O, only App wires concrete types.
import PackageDescription

let package = Package(
    name: "Kippu",
    products: [
        .executable(name: "kippu", targets: ["kippu"]),
    ],
    targets: [
        // System libraries from Debian (scripts/bootstrap installs the -dev packages).
        .systemLibrary(name: "CSodium", pkgConfig: "libsodium"),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3"),
        .systemLibrary(name: "CMicroHTTPD", pkgConfig: "libmicrohttpd"),
        .systemLibrary(name: "CQRencode", pkgConfig: "libqrencode"),

        .target(name: "Crypto", dependencies: ["CSodium"]),
        .target(name: "Ledger", dependencies: ["Crypto"]),
        .target(name: "SQLiteDB", dependencies: ["CSQLite"]),
        .target(name: "Store", dependencies: ["Ledger", "SQLiteDB", "Crypto"]),
        .target(name: "Services", dependencies: ["Ledger", "Store", "SQLiteDB", "Crypto"]),
        .target(name: "HTTPServer", dependencies: ["CMicroHTTPD"]),
        .target(name: "API", dependencies: ["HTTPServer", "Services", "Store", "Ledger", "Crypto"]),
        .target(name: "HTML"),
        .target(name: "Web", dependencies: ["HTML", "HTTPServer", "Services", "Store", "Ledger", "Crypto", "CQRencode"]),
        .target(name: "App", dependencies: ["Crypto", "Ledger", "Store", "Services", "HTTPServer", "API", "Web"]),
        // Fixtures shared by test targets (a one-node ledger, temporary directories); not in the server.
        .target(name: "TestSupport", dependencies: ["Services", "Store", "Ledger", "Crypto"]),
        .executableTarget(name: "kippu", dependencies: ["App"]),

        .testTarget(name: "CryptoTests", dependencies: ["Crypto"]),
        .testTarget(name: "SQLiteDBTests", dependencies: ["SQLiteDB"]),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer"]),
        .testTarget(name: "HTMLTests", dependencies: ["HTML"]),
        .testTarget(name: "WebTests", dependencies: ["Web", "HTTPServer", "Services", "Ledger", "Crypto"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "Services", "Ledger", "Crypto", "SQLiteDB", "TestSupport"]),
        .testTarget(name: "APITests", dependencies: ["API", "HTTPServer", "Services", "Store", "Ledger", "Crypto", "TestSupport"]),
        .testTarget(name: "ServicesTests", dependencies: ["Services", "Store", "Ledger", "Crypto", "TestSupport"]),
        // Vectors/ holds a copy of the shared protocol vectors, read through #filePath.
        .testTarget(name: "LedgerTests", dependencies: ["Ledger", "Crypto"], exclude: ["Vectors"]),
    ]
)
