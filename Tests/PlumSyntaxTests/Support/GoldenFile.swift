import Foundation
import PlumDiagnostics
import Testing

/// Golden files beside the tests: compared byte for byte, rewritten only when `PLUM_RECORD=1`.
enum GoldenFile {
  /// The `Fixtures` folder of this test target.
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures")

  /// The repository root, for `grammar/plum.ebnf` and the sources.
  static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static var recording: Bool { ProcessInfo.processInfo.environment["PLUM_RECORD"] == "1" }

  /// The `.plum` files of a fixture folder, sorted by name.
  static func sources(in folder: String) -> [String] {
    let directory = fixtures.appendingPathComponent(folder)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(".plum") }.sorted()
  }

  /// Reads a fixture as a source file named by its path inside `Fixtures`.
  static func source(_ folder: String, _ name: String) throws -> SourceFile {
    let data = try Data(contentsOf: fixtures.appendingPathComponent(folder).appendingPathComponent(name))
    return SourceFile(name: "\(folder)/\(name)", bytes: Array(data))
  }

  /// Compares `actual` with the golden file next to the fixture, or records it when asked to.
  static func check(
    _ actual: String, folder: String, name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    let url = fixtures.appendingPathComponent(folder).appendingPathComponent(name)
    if recording {
      do {
        try Data(actual.utf8).write(to: url)
      } catch {
        Issue.record("could not record \(url.path): \(error)", sourceLocation: sourceLocation)
      }
      return
    }
    guard let data = try? Data(contentsOf: url) else {
      Issue.record(
        "missing golden file \(folder)/\(name); run with PLUM_RECORD=1 to create it",
        sourceLocation: sourceLocation)
      return
    }
    let expected = String(decoding: data, as: UTF8.self)
    if expected != actual {
      Issue.record(
        "\(folder)/\(name) differs from the output:\n\(firstDifference(expected, actual))",
        sourceLocation: sourceLocation)
    }
  }

  /// The first line that differs, to keep failures readable.
  static func firstDifference(_ expected: String, _ actual: String) -> String {
    let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
    for index in 0..<max(a.count, b.count) {
      let left = index < a.count ? String(a[index]) : "<end>"
      let right = index < b.count ? String(b[index]) : "<end>"
      if left != right { return "line \(index + 1):\n  expected: \(left)\n  actual:   \(right)" }
    }
    return "(no line differs)"
  }
}
