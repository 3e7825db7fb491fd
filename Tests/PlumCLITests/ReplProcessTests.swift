import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The built `plum` executable, found next to the test bundle (or in `.build/debug`).
private let builtPlum: URL? = {
  let runner = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
  let candidates = [
    runner.deletingLastPathComponent().appendingPathComponent("plum"),
    Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("plum"),
    repositoryRoot.appendingPathComponent(".build/debug/plum"),
  ]
  return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
}()

private let policy = fixturesDirectory.appendingPathComponent("eval/loyalty.plum").path
private let data = fixturesDirectory.appendingPathComponent("eval/members.csv").path

/// `posix_openpt`, `grantpt`, `unlockpt` and `ptsname`, looked up in the C library at run time
/// (Swift's Glibc module leaves them out, as they need `_XOPEN_SOURCE`).
private struct PseudoTerminalCalls {
  typealias OpenMaster = @convention(c) (Int32) -> Int32
  typealias Operation = @convention(c) (Int32) -> Int32
  typealias Name = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?

  let openMaster: OpenMaster
  let grant: Operation
  let unlock: Operation
  let slaveName: Name

  init?() {
    guard let library = dlopen(nil, RTLD_NOW), let open = dlsym(library, "posix_openpt"),
      let grant = dlsym(library, "grantpt"), let unlock = dlsym(library, "unlockpt"),
      let name = dlsym(library, "ptsname")
    else { return nil }
    openMaster = unsafeBitCast(open, to: OpenMaster.self)
    self.grant = unsafeBitCast(grant, to: Operation.self)
    self.unlock = unsafeBitCast(unlock, to: Operation.self)
    slaveName = unsafeBitCast(name, to: Name.self)
  }
}

/// Output collected from a descriptor by a background thread.
private final class OutputCollector: @unchecked Sendable {
  private let lock = NSLock()
  private var bytes: [UInt8] = []

  /// Starts reading `descriptor` until it reports the end or an error.
  func collect(from descriptor: Int32) {
    let thread = Thread { [self] in
      var buffer = [UInt8](repeating: 0, count: 4096)
      while true {
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count < 0, errno == EINTR { continue }
        if count <= 0 { return }
        lock.lock()
        bytes += buffer[0..<count]
        lock.unlock()
      }
    }
    thread.start()
  }

  var text: String {
    lock.lock()
    defer { lock.unlock() }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Waits until the output so far satisfies `condition`; false after 20 seconds.
  func wait(until condition: (String) -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(20)
    while Date() < deadline {
      if condition(text) { return true }
      usleep(5_000)
    }
    return false
  }
}

/// How often `needle` occurs in `text`, compared byte by byte (as Characters, `\r\n` is one).
private func occurrences(of needle: String, in text: String) -> Int {
  let bytes = Array(text.utf8)
  let pattern = Array(needle.utf8)
  guard !pattern.isEmpty, bytes.count >= pattern.count else { return 0 }
  return (0...(bytes.count - pattern.count)).filter { bytes[$0..<$0 + pattern.count].elementsEqual(pattern) }
    .count
}

/// Skipped when the executable is not built, except in CI (where `CI` is set and `swift test` has
/// built it): there a missing executable fails the tests rather than hiding them.
@Suite(
  .enabled(
    if: builtPlum != nil || ProcessInfo.processInfo.environment["CI"] != nil,
    "the plum executable is not built; run `swift build` first"))
struct ReplProcessTests {
  @Test func aSessionThroughAPipeReadsPlainLines() throws {
    let plum = try #require(builtPlum, "the plum executable is not built")
    let process = Process()
    process.executableURL = plum
    process.arguments = ["repl", policy, "--data", data, "--as-of", "2026-11-23"]
    let input = Pipe()
    let output = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    input.fileHandleForWriting.write(Data("1 + 2\n:type member.age\n(member.age +\n 1)\nmember.agee\n".utf8))
    try input.fileHandleForWriting.close()
    let out = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let err = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 1, "`member.agee` failed, so the script did")
    #expect(out.hasSuffix("plum> 3 : int\nplum> int\nplum> ...> 35 : int\nplum> plum> \n"))
    #expect(!out.contains("\u{1B}"), "no escape sequences without a terminal")
    #expect(err.hasPrefix("<expr>:1:8: error[P0203]: `member` has no field `agee`\n"))
    #expect(!err.contains("\u{1B}"))
  }

  @Test func lineEditingAndHistoryUnderAPseudoTerminal() throws {
    let plum = try #require(builtPlum, "the plum executable is not built")
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "plum-repl-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let history = directory.appendingPathComponent("history")
    try "40 + 2\n".write(to: history, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: history.path)
    let record =
      #"{"id":"m9","age":40,"score":2.5,"tier":"silver","spend":"75.25","joined":"2026-11-10","#
      + #""email":"ana@example.org","consent":{"marketing":true,"profiling":true}}"#

    let pty = try #require(PseudoTerminalCalls(), "the C library's pseudo-terminal calls")
    let master = pty.openMaster(O_RDWR | O_NOCTTY)
    try #require(master >= 0)
    defer { close(master) }
    try #require(pty.grant(master) == 0 && pty.unlock(master) == 0)
    let name = try #require(pty.slaveName(master).map { String(cString: $0) })
    let slave = open(name, O_RDWR | O_NOCTTY)
    try #require(slave >= 0)
    defer { close(slave) }
    var size = winsize(ws_row: 24, ws_col: 200, ws_xpixel: 0, ws_ypixel: 0)
    _ = ioctl(slave, UInt(TIOCSWINSZ), &size)

    let process = Process()
    process.executableURL = plum
    process.arguments = ["repl", policy, "--data", data, "--as-of", "2026-11-23"]
    process.environment = [
      "PLUM_HISTORY": history.path, "TERM": "xterm", "HOME": directory.path, "NO_COLOR": "1",
    ]
    let terminal = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
    process.standardInput = terminal
    process.standardOutput = terminal
    process.standardError = terminal
    try process.run()
    let output = OutputCollector()
    output.collect(from: master)

    // The test runner's threads block most signals, and children inherit that: stop with SIGKILL.
    defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

    /// Sends keys once the session waits at a fresh prompt (drawn after raw mode is entered):
    /// the `n`th step waits for the `n`th prompt that follows a line break.
    var steps = 0
    func send(_ keys: String) throws {
      let freshPrompt = "\n\rplum> \u{1B}[K\r\u{1B}[6C"
      steps += 1
      try #require(
        output.wait(until: { occurrences(of: freshPrompt, in: $0) >= steps }),
        "no prompt \(steps) in:\n\(output.text)")
      _ = keys.utf8CString.withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count - 1) }
    }
    let up = "\u{1B}[A"
    let left = "\u{1B}[D"
    try send(up + "\r")  // the history loaded from the file
    try send("1 + 2\r")
    try send("member.age\u{01}2 * \r")  // Ctrl-A, then type at the start
    try send(up + "\r")  // the line just entered
    try send("recency +1" + left + " \r")
    try send("\"né\"" + left + left + "\u{1B}[3~o\r")  // Delete removes the whole `é`
    try send("garbage\u{15}7 * 6\r")  // Ctrl-U
    try send("member.age + 1" + left + "\u{0B}5\r")  // Ctrl-K
    try send("x" + left + "\u{1B}[1;5C" + "y\u{17}12\r")  // Ctrl-Right, Ctrl-W
    // Entries that may hold personal data are recalled in the session but never saved.
    try send(":record " + record + "\r")
    try send("member.email == \"ana@example.org\"\r")
    try send(up + up + "\r")  // the record, from the history in memory
    try send("\u{04}")  // Ctrl-D on an empty line
    process.waitUntilExit()

    let text = output.text
    #expect(process.terminationStatus == 0, "\(text)")
    let results = text.components(separatedBy: "\r\n").filter { $0.contains(" : ") }
    #expect(
      results == [
        "42 : int", "3 : int", "68 : int", "68 : int", "11 : int", "\"no\" : string", "42 : int", "39 : int",
        "12 : int", "<redacted> : bool",
      ])
    #expect(occurrences(of: "record from JSON (key \"m9\")", in: text) == 2, "\(text)")
    let saved = try String(contentsOf: history, encoding: .utf8)
    #expect(saved == "40 + 2\n1 + 2\n2 * member.age\nrecency + 1\n\"no\"\n7 * 6\nmember.age + 5\n12\n")
    let permissions = try FileManager.default.attributesOfItem(atPath: history.path)[.posixPermissions]
    #expect(permissions as? Int == 0o600, "the history file is for its owner only")
    // The terminal is left as it was found: line editing and echo back on.
    var settings = termios()
    #expect(tcgetattr(slave, &settings) == 0)
    #expect(settings.c_lflag & tcflag_t(ICANON) != 0)
    #expect(settings.c_lflag & tcflag_t(ECHO) != 0)
  }
}
