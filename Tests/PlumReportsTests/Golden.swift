import Foundation
import PlumTestSupport
import Testing

/// The fixtures folder of this test target.
let fixturesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .appendingPathComponent("Fixtures")

/// Compares `actual` with the golden file `name` under Fixtures; `PLUM_RECORD=1` rewrites it.
func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
  GoldenFiles(directory: fixturesDirectory).expect(actual, name, sourceLocation: sourceLocation)
}
