import Foundation
import Testing

/// Tools and data some tests need beyond the toolchain: python3, the project's `../shared` folder,
/// the built `plum` executable, a browser or a database engine. Locally a test without them is
/// skipped with a note; in CI (`CI` set in the environment, as `.ci/run` does) their absence is a
/// failure, so a test never passes silently where it should have run. Every test that may skip for
/// a missing tool asks here, through `available` or `mustRun`.
public enum RequiredTool {
  /// Whether this run is CI's.
  public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] != nil }

  /// The python3 interpreter, if there is one.
  public static var python3: URL? {
    for path in ["/usr/bin/python3", "/usr/local/bin/python3"]
    where FileManager.default.isExecutableFile(atPath: path) {
      return URL(fileURLWithPath: path)
    }
    return nil
  }

  /// The project's shared folder: `$PLUM_SHARED` if set, else beside the repository
  /// (`../shared`, as CI lays it out) or beside the worktrees' folder (`../../shared`), if there.
  public static var shared: URL? {
    if let path = ProcessInfo.processInfo.environment["PLUM_SHARED"] {
      let url = URL(fileURLWithPath: path)
      return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }
    let parent = Repository.root().deletingLastPathComponent()
    return [parent, parent.deletingLastPathComponent()].map { $0.appendingPathComponent("shared") }
      .first { FileManager.default.fileExists(atPath: $0.path) }
  }

  /// Whether everything `missing` does not name is available; records a failure in CI, or prints a
  /// skip note locally, when something is missing.
  /// - Parameter missing: what is not available, in words; empty when all is.
  public static func available(
    _ missing: [String], for test: String, sourceLocation: SourceLocation = #_sourceLocation
  ) -> Bool {
    guard !missing.isEmpty else { return true }
    let message = "\(test) needs \(missing.joined(separator: " and ")), which is not available"
    if isCI {
      Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    } else {
      print("skipped: \(message)")
    }
    return false
  }

  /// Whether a test that needs something should run, for `@Test(.enabled(if:))`: when it is there,
  /// and always in CI, where the test then fails on its absence instead of being left out.
  public static func mustRun(_ present: Bool) -> Bool { present || isCI }
}
