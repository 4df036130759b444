// The fuzz target: every input goes through `FuzzHarness.run` (the whole decode path and every
// output format, with their promises checked).
//
// Built by `scripts/fuzz.sh` with `-sanitize=fuzzer,address -D FUZZING`: `main` hands control
// to libFuzzer's driver. SwiftPM links every executable with its own `main` (it renames the
// module's entry point), so the target cannot rely on libFuzzer's `main`, and calls
// `LLVMFuzzerRunDriver` instead. Built plainly (`swift build`), the same executable replays
// files: `bounce-fuzz FILE|FOLDER...` runs each file through the same body, which is how a
// crash found by the fuzzer is reproduced under a debugger.

import BounceCLI

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

#if FUZZING
  @_silgen_name("LLVMFuzzerRunDriver")
  func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
  ) -> CInt

  @main
  enum FuzzMain {
    static func main() {
      var argc = CommandLine.argc
      var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
      let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        FuzzHarness.run(bytes)
        return 0
      }
      exit(status)
    }
  }
#else
  @main
  enum Replay {
    static func main() {
      let paths = CommandLine.arguments.dropFirst()
      guard !paths.isEmpty else {
        writeLine(2, "usage: bounce-fuzz FILE|FOLDER...  (replays inputs through the fuzz body; see scripts/fuzz.sh)")
        exit(2)
      }
      var count = 0
      for path in paths {
        for file in files(at: path) {
          guard let bytes = readFile(file) else {
            writeLine(2, "bounce-fuzz: cannot read \(file)")
            exit(2)
          }
          FuzzHarness.run(bytes)
          count += 1
        }
      }
      writeLine(1, "replayed \(count) input\(count == 1 ? "" : "s"): no crash, every promise kept")
    }

    /// `path` itself, or the regular files below it, in name order.
    static func files(at path: String) -> [String] {
      guard let dir = opendir(path) else { return [path] }
      defer { closedir(dir) }
      var names: [String] = []
      while let entry = readdir(dir) {
        let name = withUnsafePointer(to: entry.pointee.d_name) {
          $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
        }
        if name.hasPrefix(".") { continue }
        names.append(name)
      }
      let base = path.hasSuffix("/") ? path : path + "/"
      return names.sorted().flatMap { files(at: base + $0) }
    }

    static func readFile(_ path: String) -> [UInt8]? {
      guard let f = fopen(path, "rb") else { return nil }
      defer { fclose(f) }
      var bytes: [UInt8] = []
      var buffer = [UInt8](repeating: 0, count: 1 << 16)
      while true {
        let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
        if n > 0 { bytes.append(contentsOf: buffer[0..<n]) }
        if n < buffer.count { break }
      }
      return ferror(f) == 0 ? bytes : nil
    }

    static func writeLine(_ fd: Int32, _ text: String) {
      let bytes = Array((text + "\n").utf8)
      _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }
  }
#endif
