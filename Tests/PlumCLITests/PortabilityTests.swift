import Foundation
import PlumTestSupport
import Testing

/// Package.swift declares macOS as well as Linux: no source may call Glibc by name except inside
/// `#if canImport(Glibc)`, where the macOS branch names Darwin.
@Suite struct PortabilityTests {
  @Test func glibcIsNamedOnlyBehindCanImport() throws {
    let sources = Repository.root().appendingPathComponent("Sources")
    let walker = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
    var checked = 0
    for case let url as URL in walker where url.pathExtension == "swift" {
      let text = try String(contentsOf: url, encoding: .utf8)
      var depth = 0
      var glibcBranch: [Bool] = []
      for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("#if") {
          depth += 1
          glibcBranch.append(trimmed.contains("canImport(Glibc)"))
        } else if trimmed.hasPrefix("#elseif") || trimmed.hasPrefix("#else") {
          if !glibcBranch.isEmpty { glibcBranch[glibcBranch.count - 1] = false }
        } else if trimmed.hasPrefix("#endif") {
          depth -= 1
          glibcBranch.removeLast()
        } else if trimmed.contains("Glibc.") && !trimmed.hasPrefix("//") && !trimmed.hasPrefix("///") {
          #expect(
            glibcBranch.last == true,
            "\(url.lastPathComponent):\(number + 1) names Glibc outside #if canImport(Glibc)")
        }
      }
      #expect(depth == 0, "\(url.lastPathComponent): unbalanced #if")
      checked += 1
    }
    #expect(checked > 100)
  }
}
