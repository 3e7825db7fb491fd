import Foundation
import Testing

/// Golden files: expected output kept beside the tests, compared byte for byte and rewritten only
/// when the environment says `PLUM_RECORD=1`. A missing golden file fails.
public struct GoldenFiles: Sendable {
  /// The folder the golden files' names are relative to.
  public let directory: URL

  /// Golden files under `directory`.
  public init(directory: URL) {
    self.directory = directory
  }

  /// The `Fixtures` folder beside the test file at `filePath` (pass `#filePath`), or `subfolder`
  /// within it.
  public init(besideTestFile filePath: String, subfolder: String? = nil) {
    var url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
    // Support files live one folder down; the fixtures belong to the test target.
    if url.lastPathComponent == "Support" { url = url.deletingLastPathComponent() }
    url = url.appendingPathComponent("Fixtures")
    if let subfolder { url = url.appendingPathComponent(subfolder) }
    directory = url
  }

  /// Whether this run records golden files instead of comparing them.
  public static var isRecording: Bool { ProcessInfo.processInfo.environment["PLUM_RECORD"] == "1" }

  /// Compares `actual` with the golden file `name`, or records it when recording.
  public func expect(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let url = directory.appendingPathComponent(name)
    if Self.isRecording {
      do {
        try FileManager.default.createDirectory(
          at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(actual.utf8).write(to: url)
      } catch {
        Issue.record("could not record \(url.path): \(error)", sourceLocation: sourceLocation)
      }
      return
    }
    guard let data = try? Data(contentsOf: url) else {
      Issue.record(
        "missing golden file \(name); run with PLUM_RECORD=1 to create it", sourceLocation: sourceLocation)
      return
    }
    let expected = String(decoding: data, as: UTF8.self)
    if expected != actual {
      Issue.record(
        Comment(rawValue: "golden \(name) differs: \(Self.firstDifference(expected, actual))"),
        sourceLocation: sourceLocation)
    }
  }

  /// The text of the fixture `name`.
  public func text(_ name: String) throws -> String {
    String(decoding: try Data(contentsOf: directory.appendingPathComponent(name)), as: UTF8.self)
  }

  /// The first line that differs, to keep failures readable.
  public static func firstDifference(_ expected: String, _ actual: String) -> String {
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
