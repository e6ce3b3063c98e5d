// swift-tools-version: 6.0
import PackageDescription

/// Strict settings shared by every Swift target.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .unsafeFlags(["-warnings-as-errors"], .when(configuration: .debug)),
]

let package = Package(
    name: "lixiao",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "lixiao", targets: ["lixiao"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // C libraries: a modulemap and a shim header each, nothing else.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CLibZip", pkgConfig: "libzip", providers: [.apt(["libzip-dev"])]),
        .systemLibrary(name: "CXlsxWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(name: "CCSV", providers: [.apt(["libcsv-dev"])]),
        .systemLibrary(
            name: "CPangoCairo", pkgConfig: "pangocairo", providers: [.apt(["libpango1.0-dev", "libcairo2-dev"])]),
        .systemLibrary(name: "CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),

        // Reading xlsx/xls/csv and writing xlsx: the only importer of C modules.
        .target(
            name: "Sheets",
            dependencies: ["CLibXML2", "CLibZip", "CXlsxWriter", "CCSV"],
            swiftSettings: strict
        ),

        // Printing one A4 page as a PDF (cairo, pango, libqrencode): the only importer of those C modules.
        .target(name: "Printing", dependencies: ["CPangoCairo", "CQREncode"], swiftSettings: strict),

        // The domain: people, items, statuses, rules, eligibility, statistics. Imports nothing of ours.
        .target(name: "Clearance", swiftSettings: strict),

        // Journal, snapshot, archive, lock, recovery: the file-system seam. Knows no spreadsheets.
        .target(
            name: "Ledger",
            dependencies: ["Clearance", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),

        // Every outbox workbook (receipts first), built from Clearance values through Sheets.
        .target(name: "Reports", dependencies: ["Clearance", "Sheets", "Printing"], swiftSettings: strict),

        // The pipeline definition, intake, returns, receipts, run and watch.
        .target(
            name: "Pipeline",
            dependencies: [
                "Clearance", "Ledger", "Reports", "Sheets",
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),

        // The command line, thin.
        .executableTarget(
            name: "lixiao",
            dependencies: [
                "Pipeline", "Sheets", "Clearance",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),

        // A tiny process the ledger's crash tests start and kill with SIGKILL while it appends.
        .executableTarget(
            name: "lixiao-ledger-probe", dependencies: ["Ledger", "Clearance"], path: "Sources/LedgerProbe",
            swiftSettings: strict),

        .testTarget(
            name: "SheetsTests",
            dependencies: ["Sheets"],
            exclude: ["Fixtures", "Hostile", "Scripts"],
            swiftSettings: strict
        ),
        .testTarget(name: "ClearanceTests", dependencies: ["Clearance"], swiftSettings: strict),
        .testTarget(
            name: "ReportsTests",
            dependencies: ["Reports", "Clearance", "Sheets"],
            exclude: ["Scripts"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LedgerTests",
            dependencies: ["Ledger", "Clearance", "lixiao-ledger-probe"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "PipelineTests",
            dependencies: ["Pipeline", "Clearance", "Ledger", "Reports", "Sheets"],
            exclude: ["Fixtures", "Scripts"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "lixiaoTests",
            dependencies: ["lixiao", "Sheets", "lixiao-ledger-probe"],
            exclude: ["Snapshots", "Scripts"],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)

// The libFuzzer target over the readers, only when asked for (`make fuzz` sets LIXIAO_FUZZ=1): libFuzzer brings
// its own `main`, so the target links only with `-sanitize=fuzzer`.
if Context.environment["LIXIAO_FUZZ"] != nil {
    package.products.append(.executable(name: "lixiao-fuzz-sheets", targets: ["FuzzSheets"]))
    package.targets.append(
        .executableTarget(name: "FuzzSheets", dependencies: ["Sheets", "Reports"], swiftSettings: strict))
}
