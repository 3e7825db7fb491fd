import Foundation
import PlumDiagnostics
import PlumModels
import PlumSyntax
import Testing

@testable import PlumCLI

/// Mutates a policy at token granularity: deletes, duplicates or swaps tokens, or inserts random bytes.
func mutate(_ bytes: [UInt8], using generator: inout SplitMix64) -> [UInt8] {
  let (tokens, _) = Lexer.tokenize(SourceFile(name: "m.plum", bytes: bytes))
  let ranges = tokens.map(\.range).filter { $0.length > 0 }
  guard !ranges.isEmpty else { return bytes }
  var result = bytes
  let edits = Int.random(in: 1...3, using: &generator)
  for _ in 0..<edits {
    let pick = ranges[Int.random(in: 0..<ranges.count, using: &generator)]
    guard pick.end <= result.count else { continue }
    switch Int.random(in: 0..<4, using: &generator) {
    case 0:
      result.removeSubrange(pick.start..<pick.end)
    case 1:
      result.insert(contentsOf: result[pick.start..<pick.end] + [32], at: pick.start)
    case 2:
      let other = ranges[Int.random(in: 0..<ranges.count, using: &generator)]
      guard other.end <= result.count, other.start >= pick.end else { continue }
      let first = Array(result[pick.start..<pick.end])
      let second = Array(result[other.start..<other.end])
      result.replaceSubrange(other.start..<other.end, with: first)
      result.replaceSubrange(pick.start..<pick.end, with: second)
    default:
      let count = Int.random(in: 1...4, using: &generator)
      let noise = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
      result.insert(contentsOf: noise, at: pick.start)
    }
  }
  return result
}

@Test func mutatedExamplesNeverCrashAndExitZeroOrOne() throws {
  let examples = try #require(
    PolicyPaths.plumFiles(inDirectory: repositoryRoot.appendingPathComponent("examples").path))
  var generator = SplitMix64(seed: 20_261_126)
  var findings = 0
  for path in examples {
    let original = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    for iteration in 0..<150 {
      let mutated = mutate(original, using: &generator)
      let io = CapturedIO()
      io.files["mutant.plum"] = mutated
      let status = PlumCommand.run(["check", "mutant.plum"], io: io)
      #expect(status == .success || status == .findings, "\(path) mutation \(iteration)")
      if status == .findings {
        findings += 1
        // Every error is rendered with a location and a code.
        #expect(
          io.err.contains("mutant.plum:") && io.err.contains("error[P"), "\(path) mutation \(iteration)")
      }
    }
  }
  // Most mutations break a policy; a harness that never finds anything is not mutating.
  #expect(findings > examples.count * 50)
}
