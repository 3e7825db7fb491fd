import Foundation
import PlumDiagnostics
import PlumTestSupport
import Testing

/// Golden files beside the tests: compared byte for byte, rewritten only when `PLUM_RECORD=1`.
enum GoldenFile {
  /// The `Fixtures` folder of this test target.
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures")

  /// The repository root, for `grammar/plum.ebnf` and the sources.
  static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static var recording: Bool { GoldenFiles.isRecording }

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
    GoldenFiles(directory: fixtures.appendingPathComponent(folder)).expect(
      actual, name, sourceLocation: sourceLocation)
  }
}
