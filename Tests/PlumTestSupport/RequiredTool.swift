import Foundation
import Testing

/// Tools and data some tests need beyond the toolchain: python3 and the project's `../shared`
/// folder. Locally a test without them is skipped with a note; in CI (`CI` set in the environment)
/// their absence is a failure, so a test never passes silently where it should have run.
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

  /// The project's shared folder beside the repository (`../shared`, or `$PLUM_SHARED` for a
  /// checkout elsewhere), if it is there.
  public static var shared: URL? {
    let url =
      ProcessInfo.processInfo.environment["PLUM_SHARED"].map { URL(fileURLWithPath: $0) }
      ?? Repository.root().deletingLastPathComponent().appendingPathComponent("shared")
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
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
}
