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
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        // C libraries: a modulemap and a shim header each, nothing else.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CLibZip", pkgConfig: "libzip", providers: [.apt(["libzip-dev"])]),
        .systemLibrary(name: "CXlsxWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(name: "CCSV", providers: [.apt(["libcsv-dev"])]),
        .systemLibrary(name: "CFreeXL", pkgConfig: "freexl", providers: [.apt(["libfreexl-dev"])]),

        // Reading xlsx/xls/csv and writing xlsx: the only importer of C modules.
        .target(
            name: "Sheets",
            dependencies: ["CLibXML2", "CLibZip", "CXlsxWriter", "CCSV", "CFreeXL"],
            swiftSettings: strict
        ),

        // The command line, thin.
        .executableTarget(
            name: "lixiao",
            dependencies: [
                "Sheets",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),

        .testTarget(
            name: "SheetsTests",
            dependencies: ["Sheets"],
            exclude: ["Fixtures", "Hostile", "Scripts"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "lixiaoTests",
            dependencies: ["lixiao"],
            exclude: ["Snapshots"],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
