import Foundation
import PlumDriver
import PlumFormatter
import Testing

@testable import PlumCLI

/// `plum fmt` through the command line, with in-memory files.
@Suite struct FmtCommandTests {
  static let messy = "policy  p\ninput person{id:string key,age : int}\nrule adult=person.age>=18\n"
  static let formatted =
    "policy p\n\ninput person {\n  id:  string key,\n  age: int\n}\n\nrule adult = person.age >= 18\n"

  func plum(_ arguments: String..., files: [String: String]) -> (PlumCLI.ExitStatus, CapturedIO) {
    let io = CapturedIO(files: files)
    return (PlumCommand.run(arguments, io: io), io)
  }

  @Test func standardInputIsFormattedToStandardOutput() {
    let (status, io) = plum("fmt", "-", files: ["-": Self.messy])
    #expect(status == .success)
    #expect(io.out == Self.formatted)
    #expect(io.err.isEmpty)
    #expect(io.writtenPaths.isEmpty)
    let (again, second) = plum("fmt", "-", files: ["-": Self.formatted])
    #expect(again == .success)
    #expect(second.out == Self.formatted)
  }

  @Test func filesAreRewrittenInPlaceOnlyWhenTheyChange() {
    let (status, io) = plum(
      "fmt", "a.plum", "b.plum", files: ["a.plum": Self.messy, "b.plum": Self.formatted])
    #expect(status == .success)
    #expect(io.out.isEmpty)
    #expect(io.err.isEmpty)
    #expect(io.writtenPaths == ["a.plum"])
    #expect(io.files["a.plum"] == Array(Self.formatted.utf8))
    #expect(io.files["b.plum"] == Array(Self.formatted.utf8))
  }

  @Test func checkNamesUnformattedFilesAndChangesNothing() {
    let files = ["a.plum": Self.messy, "b.plum": Self.formatted, "c.plum": Self.messy]
    let (status, io) = plum("fmt", "--check", "a.plum", "b.plum", "c.plum", files: files)
    #expect(status == .findings)
    #expect(io.out == "a.plum\nc.plum\n")
    #expect(io.err.isEmpty)
    #expect(io.writtenPaths.isEmpty)
    let (clean, cleanIO) = plum("fmt", "--check", "b.plum", files: files)
    #expect(clean == .success)
    #expect(cleanIO.out.isEmpty)
  }

  @Test func diffPrintsAUnifiedDiffAndChangesNothing() {
    let (status, io) = plum(
      "fmt", "--diff", "a.plum", "b.plum", files: ["a.plum": Self.messy, "b.plum": Self.formatted])
    #expect(status == .findings, "a printed difference is a finding")
    #expect(io.writtenPaths.isEmpty)
    #expect(io.err.isEmpty)
    expectGolden(io.out, "fmt/diff.txt")
    let (checked, checkedIO) = plum("fmt", "--check", "--diff", "a.plum", files: ["a.plum": Self.messy])
    #expect(checked == .findings)
    #expect(checkedIO.out == io.out)
    let (same, sameIO) = plum("fmt", "--diff", "b.plum", files: ["b.plum": Self.formatted])
    #expect(same == .success, "no difference, nothing printed")
    #expect(sameIO.out.isEmpty)
  }

  @Test func standardInputWorksWithCheckAndDiff() {
    let (status, io) = plum("fmt", "--check", "-", files: ["-": Self.messy])
    #expect(status == .findings)
    #expect(io.out == "<stdin>\n")
    let (diffStatus, diffIO) = plum("fmt", "--diff", "-", files: ["-": Self.messy])
    #expect(diffStatus == .findings)
    #expect(diffIO.out.hasPrefix("--- a/<stdin>\n+++ b/<stdin>\n@@ "))
  }

  @Test func filesWithSyntaxErrorsAreReportedAndLeftAlone() {
    let bad = "policy p\nrule r = a >\n"
    let (status, io) = plum("fmt", "bad.plum", "a.plum", files: ["bad.plum": bad, "a.plum": Self.messy])
    #expect(status == .findings)
    #expect(io.out.isEmpty)
    expectGolden(io.err, "fmt/syntax_error.txt")
    #expect(io.files["bad.plum"] == Array(bad.utf8))
    #expect(io.writtenPaths == ["a.plum"])
  }

  @Test func unreadableFilesAreIOErrors() {
    let (status, io) = plum("fmt", "/nonexistent/missing.plum", "a.plum", files: ["a.plum": Self.messy])
    #expect(status == .usage)
    #expect(io.err == "error: cannot read '/nonexistent/missing.plum': No such file or directory\n")
    #expect(io.writtenPaths == ["a.plum"])
  }

  @Test func aFileArgumentIsRequired() {
    let (status, io) = plum("fmt", files: [:])
    #expect(status == .usage)
    #expect(io.err.contains("missing expected argument '<file>'"))
  }

  @Test func aDirectoryStandsForItsPolicies() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "plum-fmt-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: directory.appendingPathComponent("sub"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try Self.messy.write(
      to: directory.appendingPathComponent("sub/messy.plum"), atomically: true, encoding: .utf8)
    try Self.formatted.write(
      to: directory.appendingPathComponent("clean.plum"), atomically: true, encoding: .utf8)
    try "not a policy".write(
      to: directory.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
    let (status, io) = plum("fmt", "--check", directory.path, files: [:])
    #expect(status == .findings)
    #expect(io.out == directory.path + "/sub/messy.plum\n")
  }

  @Test func processFilesAreReplacedWholeAndKeepTheirPermissions() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "plum-fmt-\(UUID().uuidString).plum")
    defer { try? FileManager.default.removeItem(at: url) }
    try Self.messy.write(to: url, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: url.path)
    let io = ProcessIO()
    try io.writeFile(url.path, Array(Self.formatted.utf8))
    #expect(try String(contentsOf: url, encoding: .utf8) == Self.formatted)
    let permissions = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
    #expect(permissions == 0o640)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
      .filter { $0.hasPrefix(url.lastPathComponent + ".plum-") }
    #expect(leftovers.isEmpty)
    #expect(throws: FileError.self) { try io.writeFile("/nonexistent/dir/x.plum", [1]) }
  }

  @Test func formattingKeepsATrailingAllowCommentInForce() throws {
    let policy = """
      policy p
      input person {
        id: string key
        age: int
        visits: int
      }
      rule regular_adult_visitor = person.age >= 18 and person.age <= 99 and person.visits > 3 \
      and person.visits < 1000 // plum:allow(P2001) kept for the spring campaign

      """
    let before = Frontend.check(name: "p.plum", bytes: Array(policy.utf8))
    #expect(before.diagnostics.isEmpty, "\(before.diagnostics.map(\.message))")
    let formatted = try SourceFormatter.format(policy)
    let ruleLines = formatted.split(separator: "\n").drop { !$0.hasPrefix("rule ") }.prefix { !$0.isEmpty }
    #expect(ruleLines.count > 1, "the rule should be split at `and`:\n\(formatted)")
    #expect(ruleLines.last?.hasSuffix("// plum:allow(P2001) kept for the spring campaign") == true)
    let after = Frontend.check(name: "p.plum", bytes: Array(formatted.utf8))
    #expect(after.diagnostics.isEmpty, "\(after.diagnostics.map(\.message))")
  }
}
