import Foundation
import PlumTestSupport
import Testing

/// Compares `actual` with the golden file `name` under this target's Fixtures; `PLUM_RECORD=1`
/// rewrites it, and a missing golden file fails.
func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
  GoldenFiles(directory: URL(fileURLWithPath: repositoryPath("Tests/PlumSQLTests/Fixtures"))).expect(
    actual, name, sourceLocation: sourceLocation)
}
