import Foundation
import Testing

@testable import PlumCLI

/// `plum explain` names k-means segments as the policy does.
@Test func explainShowsNamedSegmentsByName() throws {
  let kinds = repositoryRoot.appendingPathComponent("Tests/PlumRuntimeTests/Fixtures/kinds")
  let directory = FileManager.default.temporaryDirectory.appendingPathComponent("plum-segments-\(UUID())")
  try FileManager.default.copyItem(at: kinds, to: directory)
  defer { try? FileManager.default.removeItem(at: directory) }
  let policy = directory.appendingPathComponent("kinds.plum")
  let numbered = try String(contentsOf: policy, encoding: .utf8)
  let named = numbered.replacingOccurrences(
    of: "  purpose profiling\n}", with: "  purpose profiling\n  segments [casual, regular, big]\n}"
  )
  .replacingOccurrences(of: "segment == 1", with: "segment == regular")
  #expect(named != numbered)
  try named.write(to: policy, atomically: true, encoding: .utf8)
  let io = CapturedIO()
  let status = PlumCommand.run(
    [
      "explain", policy.path, directory.appendingPathComponent("members.csv").path, "--row", "1",
      "--as-of", "2026-11-26",
    ], io: io)
  #expect(status == .success, "\(io.err)")
  #expect(io.out.contains("distance to each segment's centroid (nearest: "), "\(io.out)")
  for name in ["casual", "regular", "big"] {
    #expect(io.out.contains("    segment \(name)  "), "\(io.out)")
  }
  #expect(!io.out.contains("    segment 0  "))
}
