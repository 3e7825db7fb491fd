import Foundation
import Testing

@testable import PlumCLI

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A fresh directory for one test's history file.
private func scratchDirectory() throws -> URL {
  let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
    "plum-history-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
  try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  return directory
}

/// The permission bits of a file.
private func mode(of url: URL) throws -> Int {
  let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
  return try #require(attributes[.posixPermissions] as? Int)
}

/// The history file keeps personal data out and is readable by its owner only.
struct ReplHistoryTests {
  @Test func aNewFileIsCreatedForItsOwnerOnly() throws {
    let directory = try scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("history")
    HistoryFile(path: url.path, limit: 10).append("1 + 2")
    #expect(try mode(of: url) == 0o600)
    #expect(try String(contentsOf: url, encoding: .utf8) == "1 + 2\n")
  }

  @Test func anExistingFileReadableByOthersIsNarrowed() throws {
    let directory = try scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("history")
    try "1 + 2\n".write(to: url, atomically: false, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: url.path)
    #expect(HistoryFile(path: url.path, limit: 10).load() == ["1 + 2"])
    #expect(try mode(of: url) == 0o600)
    try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: url.path)
    HistoryFile(path: url.path, limit: 10).append("3")
    #expect(try mode(of: url) == 0o600)
  }

  @Test func recordLinesAreNeverWrittenAndOldOnesAreDropped() throws {
    let directory = try scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("history")
    let old = """
      1 + 2
      :record {"id":"m1","email":"ana@example.org"}
        :r   {"id":"m2"}
      :record 2

      """
    try old.write(to: url, atomically: false, encoding: .utf8)
    let history = HistoryFile(path: url.path, limit: 10)
    #expect(history.load() == ["1 + 2", ":record 2"])
    #expect(try String(contentsOf: url, encoding: .utf8) == "1 + 2\n:record 2\n")
    history.append(#":record {"id":"m3"}"#)
    #expect(try String(contentsOf: url, encoding: .utf8) == "1 + 2\n:record 2\n")
  }

  @Test func theSessionKeepsEntriesThatMayHoldPersonalDataOutOfTheFile() throws {
    let fixtures = fixturesDirectory.appendingPathComponent("eval").path
    let io = CapturedIO()
    let standIn = try EvalPolicy.standIn().get()
    let session = ReplSession(
      io: io, asOf: 0, standIn: standIn, dataPath: fixtures + "/members.csv", dataFormat: .csv)
    #expect(session.start(policyPath: fixtures + "/loyalty.plum"), "\(io.err)")
    // The first record, current now, is m1 with the address sam@example.org.
    let kept = [
      "member.age + 1", ":record 2", ":record", ":type member.email", "member.email",
      "len(greeting) > 3", ":load other.plum", "upper(member.nickname ?? \"x\")",
    ]
    let withheld = [
      #":record {"id":"m9","email":"ana@example.org"}"#, #":r {"id":"m9"}"#,
      "member.email == \"kim@example.org\"", "ends_with(member.email, \"@example.org\")",
      ":type member.email == \"x\"", "\"sam@example.org\"", "starts_with(\"sam@example.org\", \"s\")",
      "len(member.email) > 3",
    ]
    for entry in kept { #expect(session.mayKeepInHistory(entry), "\(entry)") }
    for entry in withheld { #expect(!session.mayKeepInHistory(entry), "\(entry)") }
  }
}
