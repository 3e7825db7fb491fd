import Foundation
import PlumDiagnostics
import PlumTestSupport
import Testing

@testable import PlumFormatter

/// Fixture files, golden files and the repository's own policies, found from this file's path.
enum Fixtures {
  /// The `Fixtures` folder of this test target.
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures")

  /// The repository root.
  static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static var recording: Bool { GoldenFiles.isRecording }

  /// The names of the `.plum` files in a fixture folder, sorted.
  static func sources(in folder: String) -> [String] {
    let path = directory.appendingPathComponent(folder).path
    let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    return names.filter { $0.hasSuffix(".plum") }.sorted()
  }

  /// Reads a fixture as a source file named by its path inside `Fixtures`.
  static func source(_ folder: String, _ name: String) throws -> SourceFile {
    let data = try Data(contentsOf: directory.appendingPathComponent(folder).appendingPathComponent(name))
    return SourceFile(name: "\(folder)/\(name)", bytes: Array(data))
  }

  /// Every `.plum` file below a folder of the repository, as paths relative to the root, sorted.
  static func repositoryPolicies(under folder: String) -> [String] {
    let root = repositoryRoot.appendingPathComponent(folder)
    let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
    return files.filter { $0.hasSuffix(".plum") }.sorted().map { "\(folder)/\($0)" }
  }

  /// Reads a file of the repository.
  static func repositoryFile(_ path: String) throws -> SourceFile {
    let data = try Data(contentsOf: repositoryRoot.appendingPathComponent(path))
    return SourceFile(name: path, bytes: Array(data))
  }

  /// Compares `actual` with a golden file, or records it when `PLUM_RECORD=1`; a missing golden
  /// file fails.
  static func checkGolden(
    _ actual: String, _ folder: String, _ name: String,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    GoldenFiles(directory: directory.appendingPathComponent(folder)).expect(
      actual, name, sourceLocation: sourceLocation)
  }

}

/// Formatting shorthands for tests.
enum Format {
  /// Formats text, recording an issue (and returning nil) when it fails.
  static func text(
    _ text: String, name: String = "test.plum", sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) -> String? {
    file(SourceFile(name: name, text: text), sourceLocation: sourceLocation)
  }

  /// Formats a file, recording an issue (and returning nil) when it fails.
  static func file(_ file: SourceFile, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String? {
    do {
      return try SourceFormatter.format(file)
    } catch {
      switch error {
      case .syntaxErrors(let diagnostics):
        let rendered = DiagnosticRenderer().render(diagnostics, in: file, format: .text)
        Issue.record("\(file.name) has syntax errors:\n\(rendered)", sourceLocation: sourceLocation)
      case .unsafeLayout(let reason):
        Issue.record("\(file.name) could not be formatted: \(reason)", sourceLocation: sourceLocation)
      }
      return nil
    }
  }
}
