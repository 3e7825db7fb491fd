import Foundation
import PlumDiagnostics
import Testing

@testable import PlumSyntax

/// No input crashes the front end or exhausts its stack: hostile nesting and long chains get a
/// diagnostic and the parse returns.
@Suite struct RobustnessTests {
  /// Parses on a thread with a 2 MiB stack, a quarter of a main thread's, so relying on a big
  /// stack would fail here. Unoptimized builds need about 4–7 KiB per nesting level (`maxDepth`
  /// levels fit in 2 MiB); inputs 10,000 levels deep would need ten times more. Flat operator
  /// chains are parsed in a loop, but the dump and the printer recurse once per level of the tree
  /// (up to `maxHeight`), so they run on a stack the size `plum` commands run on (64 MiB).
  func parseOnSmallStack(_ text: String) -> (PolicyFile, [Diagnostic]) {
    let file = SourceFile(name: "deep.plum", text: text)
    let box = ResultBox()
    onThread(stackSize: 2 << 20) { box.set(Parser.parse(file)) }
    let result = box.get() ?? (PolicyFile(declarations: []), [])
    onThread(stackSize: 64 << 20) {
      _ = ASTDump.render(result.0, in: file)
      _ = ASTPrinter.print(result.0)
    }
    return result
  }

  func onThread(stackSize: Int, _ body: @escaping @Sendable () -> Void) {
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
      body()
      done.signal()
    }
    thread.stackSize = stackSize
    thread.start()
    done.wait()
  }

  func maximumDepth(_ policy: PolicyFile) -> Int {
    policy.declarations.map { declaration -> Int in
      switch declaration {
      case .let(let d): Syntax.depth(d.value)
      case .rule(let d): Syntax.depth(d.condition)
      default: 0
      }
    }.max() ?? 0
  }

  static let deepInputs: [(String, String)] = [
    (
      "parentheses",
      "let x = " + String(repeating: "(", count: 10_000) + "x" + String(repeating: ")", count: 10_000)
    ),
    ("lists", "let x = " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)),
    ("negations", "let x = " + String(repeating: "- ", count: 10_000) + "x"),
    ("nots", "rule x = " + String(repeating: "not ", count: 10_000) + "x"),
    ("additions", "let x = a" + String(repeating: " + a", count: 100_000)),
    ("coalescing", "let x = a" + String(repeating: " ?? a", count: 100_000)),
    ("members", "let x = a" + String(repeating: ".b", count: 10_000)),
    ("conditionals", "let x = " + String(repeating: "if a then b else ", count: 10_000) + "c"),
    ("calls", "let x = " + String(repeating: "f(", count: 10_000) + String(repeating: ")", count: 10_000)),
    ("unclosed", "let x = " + String(repeating: "(", count: 10_000) + "\nrule ok = true"),
    (
      "strings",
      "let x = " + String(repeating: "\"{", count: 10_000) + "x" + String(repeating: "}\"", count: 10_000)
    ),
    (
      "list types",
      "let x: " + String(repeating: "list<", count: 10_000) + "int" + String(repeating: ">", count: 10_000)
        + " = 1"
    ),
    (
      "field groups",
      "input i {\n" + String(repeating: "g {\n", count: 10_000) + String(repeating: "}\n", count: 10_001)
    ),
    (
      "records",
      "test \"t\" {\n given p " + String(repeating: "{ a ", count: 10_000)
        + String(repeating: "}", count: 10_000) + "\n}"
    ),
  ]

  @Test(arguments: deepInputs.map(\.0))
  func deepInputGetsOneDiagnosticAndReturns(_ name: String) {
    let text = RobustnessTests.deepInputs.first { $0.0 == name }?.1 ?? ""
    let (policy, diagnostics) = parseOnSmallStack(text)
    let deep = diagnostics.filter {
      $0.code == ParserDiagnostics.nestingTooDeep || $0.code == LexerDiagnostics.interpolationTooDeep
    }
    #expect(deep.count == 1, "\(diagnostics.map(\.message))")
    #expect(diagnostics.count <= 3, "\(diagnostics.map(\.message))")
    #expect(maximumDepth(policy) <= Parser.maxHeight)
  }

  @Test func flatChainsAreNotNesting() {
    for op in ["+", "or", "and", "??", "*"] {
      let text = "let x = " + Array(repeating: "a", count: Parser.maxHeight).joined(separator: " \(op) ")
      let (policy, diagnostics) = parseOnSmallStack(text)
      #expect(diagnostics.isEmpty, "\(op): \(diagnostics.map(\.message))")
      #expect(maximumDepth(policy) == Parser.maxHeight)
    }
  }

  @Test func chainsPastTheHeightLimitAreTooLong() {
    let text = "let x = a" + String(repeating: " or a", count: Parser.maxHeight)
    let (_, diagnostics) = parseOnSmallStack(text)
    #expect(diagnostics.map(\.message) == ["expression too long"])
    #expect(diagnostics.first?.code == ParserDiagnostics.nestingTooDeep)
  }

  @Test func nestingInsideAChainStillCounts() {
    let nested =
      String(repeating: "(", count: Parser.maxDepth) + "a" + String(repeating: ")", count: Parser.maxDepth)
    let (_, diagnostics) = parseOnSmallStack("let x = a + b + " + nested)
    #expect(diagnostics.map(\.message) == ["expression nested too deeply"])
  }

  @Test func nestingWithinTheLimitIsAccepted() {
    let text = "let x = " + String(repeating: "(", count: 200) + "x" + String(repeating: ")", count: 200)
    let (policy, diagnostics) = parseOnSmallStack(text)
    #expect(diagnostics.isEmpty)
    #expect(maximumDepth(policy) == 201)
  }

  @Test func randomBytesNeverCrash() {
    var random = SplitMix64(seed: 0x5EED)
    for _ in 0..<60 {
      let count = Int(random.next() % 3000)
      let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
      let file = SourceFile(name: "random.plum", bytes: bytes)
      let (_, diagnostics) = Parser.parse(file)
      checkSpans(diagnostics, in: file)
      #expect(count < 50 || !diagnostics.isEmpty)
    }
  }

  @Test func randomTokenSoupNeverCrashes() {
    let pieces = [
      "{", "}", "(", ")", "[", "]", ",", ":", ".", "+", "-", "*", "==", "<", "??", "?", "=", "rule", "let",
      "reward", "when", "give", "input", "test", "given", "expect", "not", "in", "if", "then", "else", "x",
      "1", "2.5", "3%", "4 EUR", "\"s {x}\"", "\"", "\n", "/*", "*/", "///", "2026-01-01", "select", "best",
    ]
    var random = SplitMix64(seed: 42)
    for _ in 0..<200 {
      let count = Int(random.next() % 200)
      let text = (0..<count).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined(
        separator: " ")
      let file = SourceFile(name: "soup.plum", text: text)
      let (_, diagnostics) = Parser.parse(file)
      checkSpans(diagnostics, in: file)
    }
  }

  /// Mutates the fixture policies a few hundred times: deletes, duplicates and swaps tokens, and
  /// inserts random bytes. Every run returns with diagnostics inside the file, and whatever still
  /// parses cleanly round-trips through the printer.
  @Test func mutatedPoliciesNeverCrash() throws {
    var random = SplitMix64(seed: 2026)
    var sources: [[UInt8]] = []
    for name in GoldenFile.sources(in: "parse") { sources.append(try GoldenFile.source("parse", name).bytes) }
    var cleanRoundTrips = 0
    for iteration in 0..<400 {
      var bytes = sources[iteration % sources.count]
      let tokens = Lexer.tokenize(SourceFile(name: "m.plum", bytes: bytes)).tokens.filter {
        $0.kind != .endOfFile
      }
      for _ in 0..<(1 + Int(random.next() % 3)) {
        guard !tokens.isEmpty else { break }
        let a = tokens[Int(random.next() % UInt64(tokens.count))].range
        let b = tokens[Int(random.next() % UInt64(tokens.count))].range
        guard a.end <= bytes.count, b.end <= bytes.count else { continue }
        switch random.next() % 4 {
        case 0: bytes.removeSubrange(a.start..<a.end)
        case 1: bytes.insert(contentsOf: bytes[a.start..<a.end] + [0x20], at: b.start)
        case 2:
          guard a.end <= b.start else { continue }
          let first = Array(bytes[a.start..<a.end])
          let second = Array(bytes[b.start..<b.end])
          bytes.replaceSubrange(b.start..<b.end, with: first)
          bytes.replaceSubrange(a.start..<a.end, with: second)
        default:
          let noise = (0..<(1 + Int(random.next() % 4))).map { _ in UInt8(truncatingIfNeeded: random.next()) }
          bytes.insert(contentsOf: noise, at: min(a.start, bytes.count))
        }
      }
      let file = SourceFile(name: "mutated.plum", bytes: bytes)
      let (policy, diagnostics) = Parser.parse(file)
      checkSpans(diagnostics, in: file)
      _ = ASTDump.render(policy, in: file)
      if diagnostics.isEmpty {
        let printed = ASTPrinter.print(policy)
        let (reparsed, again) = Parser.parse(SourceFile(name: "printed.plum", text: printed))
        #expect(again.isEmpty, "\(printed)")
        #expect(RangeErasure.erase(reparsed) == RangeErasure.erase(policy))
        cleanRoundTrips += 1
      }
    }
    #expect(cleanRoundTrips > 0)
  }

  func checkSpans(
    _ diagnostics: [Diagnostic], in file: SourceFile,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    for diagnostic in diagnostics {
      let ranges = [diagnostic.range] + diagnostic.labels.map(\.range) + diagnostic.fixIts.map(\.range)
      for range in ranges {
        #expect(range.start >= 0 && range.end <= file.bytes.count, sourceLocation: sourceLocation)
      }
      #expect(!diagnostic.message.isEmpty, sourceLocation: sourceLocation)
    }
  }
}

/// A small deterministic random generator, so fuzz runs are reproducible.
struct SplitMix64 {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Carries a parse result out of the small-stack thread.
final class ResultBox: @unchecked Sendable {
  private let lock = NSLock()
  private var value: (PolicyFile, [Diagnostic])?

  func set(_ result: (PolicyFile, [Diagnostic])) {
    lock.lock()
    value = result
    lock.unlock()
  }

  func get() -> (PolicyFile, [Diagnostic])? {
    lock.lock()
    defer { lock.unlock() }
    return value
  }
}
