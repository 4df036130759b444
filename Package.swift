// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "BounceKit",
  products: [
    .library(name: "BounceKit", targets: ["BounceKit"]),
    .executable(name: "bounce", targets: ["bounce"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    // The only C code: ICU charset conversion behind a header of plain C types, so that
    // the system ICU's types never meet the private ICU inside Foundation.
    .target(
      name: "CCharset",
      linkerSettings: [.linkedLibrary("icuuc")]
    ),
    .target(
      name: "BounceKit",
      dependencies: ["CCharset"],
      exclude: ["Rules/README.md"],
      resources: [
        .embedInCode("Reports/status-codes.txt"),
        .embedInCode("Reports/outlook-errors.txt"),
        // Compiled into the library, so that `bounce` copied alone to another folder still
        // has its rules and advice (a resource bundle beside the binary is easily lost on Linux).
        .embedInCode("Rules"),
        .embedInCode("Advice/advice-reasons.txt"),
        .embedInCode("Advice/advice-topics.txt"),
        .embedInCode("Advice/advice-clients.txt"),
        .embedInCode("Advice/advice-domains.txt"),
      ]
    ),
    // The command layer: argument parsing and rendering, over BounceKit.
    .target(
      name: "BounceCLI",
      dependencies: [
        "BounceKit",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // The allocator setting the command line wants (glibc's `mallopt`, which Swift's Glibc
    // module does not export).
    .target(name: "CHeap"),
    // Release builds link the Swift runtime and Foundation into the binary: `bounce` then runs on
    // a machine without a Swift toolchain, starts in two thirds of the time, and calls the
    // runtime's retain and release directly instead of through the dynamic linker's tables
    // (about 10% of a scan's time; scripts/benchmark.py).
    .executableTarget(
      name: "bounce",
      dependencies: ["BounceCLI", "CHeap"],
      linkerSettings: [.unsafeFlags(
        ["-static-stdlib", "-l_FoundationCollections", "-l_FoundationCShims"], .when(configuration: .release))]
    ),
    // The fuzz target (scripts/fuzz.sh builds it with libFuzzer); built plainly it replays files.
    .executableTarget(name: "bounce-fuzz", dependencies: ["BounceCLI"]),
    .testTarget(name: "BounceKitTests", dependencies: ["BounceKit"]),
    .testTarget(name: "BounceCLITests", dependencies: ["BounceCLI", "BounceKit"]),
  ],
  swiftLanguageModes: [.v6]
)
