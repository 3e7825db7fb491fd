import Foundation
import PlumModels
import Testing

@testable import PlumFormatter

@Suite struct LineDiffTests {
  @Test func equalTextsHaveNoDiff() {
    #expect(LineDiff.unified(from: "a\nb\n", to: "a\nb\n", oldName: "a", newName: "b") == "")
    #expect(LineDiff.unified(from: "", to: "", oldName: "a", newName: "b") == "")
  }

  @Test func aChangeIsShownWithThreeLinesOfContext() {
    let old = (1...10).map { "line \($0)\n" }.joined()
    let new = old.replacingOccurrences(of: "line 5\n", with: "line five\n")
    let diff = LineDiff.unified(from: old, to: new, oldName: "a/p.plum", newName: "b/p.plum")
    #expect(
      diff == """
        --- a/p.plum
        +++ b/p.plum
        @@ -2,7 +2,7 @@
         line 2
         line 3
         line 4
        -line 5
        +line five
         line 6
         line 7
         line 8

        """)
  }

  @Test func distantChangesMakeSeparateHunksAndCloseOnesMerge() {
    let old = (1...30).map { "\($0)\n" }.joined()
    var lines = (1...30).map { "\($0)" }
    lines[1] = "two"
    lines[4] = "five"
    lines[25] = "twenty-six"
    let new = lines.map { $0 + "\n" }.joined()
    let diff = LineDiff.unified(from: old, to: new, oldName: "a", newName: "b")
    let headers = diff.split(separator: "\n").filter { $0.hasPrefix("@@") }
    #expect(headers == ["@@ -1,8 +1,8 @@", "@@ -23,7 +23,7 @@"])
  }

  @Test func insertionsIntoAnEmptyTextAndDeletionsOfAllLines() {
    #expect(
      LineDiff.unified(from: "", to: "a\nb\n", oldName: "x", newName: "y")
        == "--- x\n+++ y\n@@ -0,0 +1,2 @@\n+a\n+b\n")
    #expect(
      LineDiff.unified(from: "a\n", to: "", oldName: "x", newName: "y") == "--- x\n+++ y\n@@ -1 +0,0 @@\n-a\n"
    )
  }

  @Test func aMissingFinalLineBreakIsMarked() {
    let diff = LineDiff.unified(from: "a\nb", to: "a\nb\n", oldName: "x", newName: "y")
    #expect(diff == "--- x\n+++ y\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n")
  }

  @Test func diffsOfRandomEditsApplyAndAreShortest() {
    var random = SplitMix64(seed: 42)
    for _ in 0..<300 {
      let old = (0..<Int(random.next() % 12)).map { _ in "l\(random.next() % 4)" }
      var new = old
      for _ in 0..<Int(random.next() % 6) {
        let position = new.isEmpty ? 0 : Int(random.next() % UInt64(new.count + 1))
        switch random.next() % 3 {
        case 0: new.insert("l\(random.next() % 5)", at: position)
        case 1: if position < new.count { new.remove(at: position) }
        default: if position < new.count { new[position] = "l\(random.next() % 5)" }
        }
      }
      let oldText = old.map { $0 + "\n" }.joined()
      let newText = new.map { $0 + "\n" }.joined()
      let diff = LineDiff.unified(from: oldText, to: newText, oldName: "a", newName: "b", context: 1)
      #expect(Patch.apply(diff, to: old) == new, "\(old) → \(new):\n\(diff)")
      let changed = diff.split(separator: "\n").filter { $0.hasPrefix("-") || $0.hasPrefix("+") }.count
      let headers = diff.isEmpty ? 0 : 2
      #expect(changed - headers == old.count + new.count - 2 * Patch.lcs(old, new), "\(old) → \(new)")
    }
  }

  @Test func veryDifferentTextsStillGiveACorrectDiff() {
    let old = (0..<1_500).map { "old \($0)" }
    let new = (0..<1_500).map { "new \($0)" }
    let diff = LineDiff.unified(
      from: old.map { $0 + "\n" }.joined(), to: new.map { $0 + "\n" }.joined(), oldName: "a", newName: "b")
    #expect(Patch.apply(diff, to: old) == new)
  }
}

/// Applies a unified diff, to check what it says.
enum Patch {
  static func apply(_ diff: String, to old: [String]) -> [String]? {
    var result: [String] = []
    var position = 0
    for line in diff.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("---") || line.hasPrefix("+++") || line.isEmpty { continue }
      if line.hasPrefix("@@") {
        let oldPart = line.split(separator: " ")[1].dropFirst()
        let fields = oldPart.split(separator: ",").compactMap { Int($0) }
        guard let start = fields.first else { return nil }
        let count = fields.count > 1 ? fields[1] : 1
        let begin = count == 0 ? start : start - 1
        guard begin >= position, begin <= old.count else { return nil }
        result += old[position..<begin]
        position = begin
        continue
      }
      let text = String(line.dropFirst())
      switch line.first {
      case " ":
        guard position < old.count, old[position] == text else { return nil }
        result.append(text)
        position += 1
      case "-":
        guard position < old.count, old[position] == text else { return nil }
        position += 1
      case "+":
        result.append(text)
      default:
        return nil
      }
    }
    return result + old[position...]
  }

  /// The length of a longest common subsequence.
  static func lcs(_ a: [String], _ b: [String]) -> Int {
    var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in stride(from: a.count - 1, through: 0, by: -1) {
      for j in stride(from: b.count - 1, through: 0, by: -1) {
        table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
      }
    }
    return table[0][0]
  }
}
