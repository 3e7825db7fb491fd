import Foundation
import PlumDiagnostics
import PlumSyntax
import PlumTestSupport

@testable import PlumChecker

/// A source text run through the parser and the checker.
struct CheckedSource {
  /// The source file.
  var source: SourceFile
  /// What the parser reported.
  var parseDiagnostics: [Diagnostic]
  /// What the checker produced.
  var result: CheckResult

  /// Every diagnostic of both phases, in source order.
  var allDiagnostics: [Diagnostic] { (parseDiagnostics + result.diagnostics).sortedByPosition() }

  /// The codes of every diagnostic, in source order.
  var codes: [String] { allDiagnostics.map(\.code.id) }

  /// The diagnostics rendered as text.
  var rendered: String { DiagnosticRenderer().render(allDiagnostics, in: source, format: .text) }
}

/// Parses and checks source text.
func checkSource(_ text: String, name: String = "test.plum") -> CheckedSource {
  let source = SourceFile(name: name, text: text)
  let (file, parseDiagnostics) = Parser.parse(source)
  return CheckedSource(
    source: source, parseDiagnostics: parseDiagnostics, result: Checker.check(file, source: source))
}

/// An input schema most type tests share.
let standardPreamble = """
  currency EUR

  input participant {
    id: string key
    age: int
    score: float
    rate: float?
    spend: money
    country: string
    tier: enum { bronze, silver, gold }
    joined: date
    last_order: date?
    nickname: string?
    gender: string protected
    consent {
      marketing: bool
      profiling: bool
    }
  }

  """

/// Checks `let probe = EXPR` after the standard preamble.
func checkProbe(_ expression: String, extra: String = "") -> CheckedSource {
  checkSource(standardPreamble + extra + "\nlet probe = " + expression + "\n")
}

/// The checked value of `let probe = EXPR`, if the policy checked without errors.
func probe(_ expression: String, extra: String = "") -> TypedExpression? {
  let checked = checkProbe(expression, extra: extra)
  guard checked.allDiagnostics.isEmpty, let policy = checked.result.policy else { return nil }
  return policy.lets.first { $0.name.name == "probe" }?.value
}

/// The fixture folders, found next to this file.
enum Fixtures {
  /// `Tests/PlumCheckerTests/Fixtures`.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  /// The package root.
  static let packageRoot = root.deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// Whether golden files are being re-recorded.
  static var isRecording: Bool { GoldenFiles.isRecording }

  /// The base names of the `.plum` files in a fixture folder, sorted.
  static func names(in folder: String) -> [String] {
    let directory = root.appendingPathComponent(folder)
    let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return files.filter { $0.hasSuffix(".plum") }.map { String($0.dropLast(".plum".count)) }.sorted()
  }

  /// Reads a fixture file as text.
  static func text(_ folder: String, _ file: String) throws -> String {
    try String(contentsOf: root.appendingPathComponent(folder).appendingPathComponent(file), encoding: .utf8)
  }
}
