import Foundation
import Testing

/// Compares `actual` with the golden file `name` under this target's Fixtures; `PLUM_RECORD=1`
/// rewrites it, and a missing golden file fails.
func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
  let url = URL(fileURLWithPath: repositoryPath("Tests/PlumSQLTests/Fixtures")).appendingPathComponent(name)
  if ProcessInfo.processInfo.environment["PLUM_RECORD"] == "1" {
    try? actual.write(to: url, atomically: true, encoding: .utf8)
    return
  }
  guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
    Issue.record(
      "missing golden file \(name); run with PLUM_RECORD=1 to create it", sourceLocation: sourceLocation)
    return
  }
  #expect(actual == expected, "golden \(name) differs", sourceLocation: sourceLocation)
}
