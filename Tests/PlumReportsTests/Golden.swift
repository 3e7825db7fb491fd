import Foundation
import Testing

/// The fixtures folder of this test target.
let fixturesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .appendingPathComponent("Fixtures")

/// Compares `actual` with the golden file `name` under Fixtures; `PLUM_RECORD=1` rewrites it.
func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
  let url = fixturesDirectory.appendingPathComponent(name)
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
