import Foundation
import PlumTestSupport
import Testing

@testable import PlumCLI

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A copy of `examples/winback` (policy, model and data) in a fresh directory, so that tests may
/// write over its files.
private func winbackCopy() throws -> String {
  let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
    "plum-outputs-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
  ).path
  let manager = FileManager.default
  try manager.createDirectory(atPath: directory + "/data", withIntermediateDirectories: true)
  try manager.createDirectory(atPath: directory + "/models", withIntermediateDirectories: true)
  for file in [
    "winback.plum", "models/churn.json", "data/participants.csv", "data/history.csv", "data/followup.csv",
  ] {
    try manager.copyItem(
      atPath: repositoryRoot.appendingPathComponent("examples/winback/" + file).path,
      toPath: directory + "/" + file)
  }
  return directory
}

private func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

private func entries(_ directory: String) throws -> [String] {
  try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
}

private func run(_ arguments: [String]) -> (PlumCLI.ExitStatus, CapturedIO) {
  let io = CapturedIO()
  return (PlumCommand.run(arguments, io: io), io)
}

/// An output option naming one of the command's inputs is refused before anything is written
/// (issue 9, item 7), however the two paths are spelled.
@Suite struct OutputConflictTests {
  @Test(arguments: [
    ("--out", "data/participants.csv", "the data file"),
    ("--summary", "data/participants.csv", "the data file"),
    ("--out", "data/../data/participants.csv", "the data file"),
    ("--out", "./winback.plum", "the policy"),
    ("--summary", "models/churn.json", "the model file"),
    ("--out", "hard-link.csv", "the data file"),
    ("--out", "soft-link.csv", "the data file"),
  ])
  func runRefusesToWriteOverAnInput(option: String, target: String, role: String) throws {
    let directory = try winbackCopy()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let data = directory + "/data/participants.csv"
    #expect(link(data, directory + "/hard-link.csv") == 0)
    #expect(symlink("data/participants.csv", directory + "/soft-link.csv") == 0)
    let before = try bytes(data)
    let (status, io) = run([
      "run", directory + "/winback.plum", data, option, directory + "/" + target, "--as-of", "2026-11-23",
    ])
    #expect(status == .usage)
    #expect(io.err.contains("error: \(option) '\(directory)/\(target)' is \(role) '"), "\(io.err)")
    #expect(io.err.contains("refusing to overwrite an input"))
    #expect(io.out.isEmpty)
    #expect(io.files.isEmpty, "nothing is written")
    #expect(try bytes(data) == before)
  }

  @Test func runRefusesTheSameFileForOutAndSummary() throws {
    let directory = try winbackCopy()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let (status, io) = run([
      "run", directory + "/winback.plum", directory + "/data/participants.csv", "--out",
      directory + "/o.json",
      "--summary", directory + "/./o.json", "--as-of", "2026-11-23",
    ])
    #expect(status == .usage)
    #expect(io.err.contains("--summary and --out both name"), "\(io.err)")
    #expect(io.files.isEmpty)
  }

  @Test func runWritesAnOutputThatNamesNoInput() throws {
    let directory = try winbackCopy()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let (status, io) = run([
      "run", directory + "/winback.plum", directory + "/data/participants.csv", "--out",
      directory + "/data/decisions.jsonl", "--summary", directory + "/summary.json", "--as-of", "2026-11-23",
    ])
    #expect(status == .success, "\(io.err)")
    #expect(io.files[directory + "/data/decisions.jsonl"]?.isEmpty == false)
    #expect(io.files[directory + "/summary.json"]?.isEmpty == false)
  }

  @Test(arguments: [
    (["--out", "data/history.csv"], "--out", "the data file"),
    (["--out", "winback.plum"], "--out", "the policy"),
  ])
  func trainRefusesToWriteOverAnInput(extra: [String], option: String, role: String) throws {
    let directory = try winbackCopy()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let arguments =
      [
        "train", directory + "/winback.plum", "--model", "churn", "--data", directory + "/data/history.csv",
        "--target", "churned",
      ] + [extra[0], directory + "/" + extra[1]]
    let (status, io) = run(arguments)
    #expect(status == .usage)
    #expect(io.err.contains("error: \(option) '\(directory)/\(extra[1])' is \(role) '"), "\(io.err)")
    #expect(io.files.isEmpty)
  }

  @Test func trainRefusesADefaultModelFileThatIsTheData() throws {
    let directory = try winbackCopy()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    // The model's own file is where training writes; here it is the training data.
    try FileManager.default.removeItem(atPath: directory + "/models/churn.json")
    #expect(symlink("../data/history.csv", directory + "/models/churn.json") == 0)
    let (status, io) = run([
      "train", directory + "/winback.plum", "--model", "churn", "--data", directory + "/data/history.csv",
      "--target", "churned",
    ])
    #expect(status == .usage)
    #expect(
      io.err.contains("error: the model file '\(directory)/models/churn.json' is the data file"), "\(io.err)")
    #expect(io.files.isEmpty)
  }

  @Test(arguments: [
    ("data/followup.csv", "the data file"), ("winback.plum", "the policy"),
    ("models/churn.json", "the model file"),
  ])
  func auditRefusesToWriteOverAnInput(target: String, role: String) throws {
    let directory = try winbackCopy()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let (status, io) = run([
      "audit", directory + "/winback.plum", directory + "/data/followup.csv", "--by", "gender", "--outcome",
      "churned", "--as-of", "2026-11-23", "--out", directory + "/" + target,
    ])
    #expect(status == .usage)
    #expect(io.err.contains("error: --out '\(directory)/\(target)' is \(role) '"), "\(io.err)")
    #expect(io.files.isEmpty)
  }
}

/// Files Plum replaces go through a temporary file renamed over them (issue 9, item 8): the old
/// contents stay until the new ones are complete, and no temporary file is left behind. These run
/// the built executable, since only the process's own file system writes to disk.
@Suite(.enabled(if: builtPlum != nil || ProcessInfo.processInfo.environment["CI"] != nil))
struct AtomicOutputTests {
  private func plum(_ arguments: [String], in directory: String, input: String? = nil) throws
    -> ProcessRunner.Outcome
  {
    let plum = try #require(builtPlum, "the plum executable is not built")
    return try ProcessRunner.run(plum, arguments, in: URL(fileURLWithPath: directory), input: input)
  }

  @Test func trainReplacesTheModelFileWithoutWritingIntoIt() throws {
    let directory = try winbackCopy()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let model = directory + "/models/churn.json"
    try "{\"old\": true}\n".write(toFile: model, atomically: false, encoding: .utf8)
    #expect(chmod(model, 0o600) == 0)
    // Writing in place would change the file a hard link still names.
    #expect(link(model, directory + "/kept.json") == 0)
    let outcome = try plum(
      ["train", "winback.plum", "--model", "churn", "--data", "data/history.csv", "--target", "churned"],
      in: directory)
    #expect(outcome.status == 0, "\(outcome.error)")
    #expect(try String(contentsOfFile: directory + "/kept.json", encoding: .utf8) == "{\"old\": true}\n")
    #expect(try String(contentsOfFile: model, encoding: .utf8).contains("\"logistic\""))
    var info = stat()
    #expect(stat(model, &info) == 0 && info.st_mode & 0o777 == 0o600, "the mode is kept")
    #expect(try entries(directory + "/models") == ["churn.json"])
  }

  @Test func runOutAndSummaryReplaceTheirFiles() throws {
    let directory = try winbackCopy()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    for name in ["out.jsonl", "summary.json"] {
      try "old\n".write(toFile: directory + "/" + name, atomically: false, encoding: .utf8)
      #expect(link(directory + "/" + name, directory + "/kept-" + name) == 0)
    }
    let outcome = try plum(
      [
        "run", "winback.plum", "data/participants.csv", "--out", "out.jsonl", "--summary", "summary.json",
        "--as-of", "2026-11-23",
      ], in: directory)
    #expect(outcome.status == 0, "\(outcome.error)")
    for name in ["out.jsonl", "summary.json"] {
      #expect(try String(contentsOfFile: directory + "/kept-" + name, encoding: .utf8) == "old\n")
      #expect(try String(contentsOfFile: directory + "/" + name, encoding: .utf8) != "old\n")
    }
    #expect(
      try entries(directory) == [
        "data", "kept-out.jsonl", "kept-summary.json", "models", "out.jsonl", "summary.json", "winback.plum",
      ])
  }

  @Test func aRunThatFailsPartWayKeepsTheOldOutput() throws {
    let directory = try winbackCopy()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try "old\n".write(toFile: directory + "/out.jsonl", atomically: false, encoding: .utf8)
    // The second input is a directory: it opens, and its first read fails after the first file's
    // decisions were written.
    try FileManager.default.createDirectory(
      atPath: directory + "/more.jsonl", withIntermediateDirectories: true)
    let outcome = try plum(
      [
        "run", "winback.plum", "data/participants.csv", "more.jsonl", "--out", "out.jsonl", "--as-of",
        "2026-11-23",
      ],
      in: directory)
    #expect(outcome.status == 2, "\(outcome.error)")
    #expect(outcome.error.contains("more.jsonl"), "\(outcome.error)")
    #expect(try String(contentsOfFile: directory + "/out.jsonl", encoding: .utf8) == "old\n")
    #expect(try entries(directory) == ["data", "models", "more.jsonl", "out.jsonl", "winback.plum"])
  }

  @Test func aKilledStreamingRunLeavesTheOldOutputAndNoTemporaryFile() throws {
    let directory = try winbackCopy()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try "old\n".write(toFile: directory + "/out.jsonl", atomically: false, encoding: .utf8)
    let process = Process()
    process.executableURL = try #require(builtPlum)
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    process.arguments = ["run", "--stream", "winback.plum", "--out", "out.jsonl", "--as-of", "2026-11-23"]
    let input = Pipe()
    process.standardInput = input
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let records = try String(
      contentsOfFile: repositoryRoot.appendingPathComponent("examples/winback/data/participants.jsonl").path,
      encoding: .utf8)
    input.fileHandleForWriting.write(Data(records.utf8))
    // The run has decided what it was given and waits for more; it is killed there.
    usleep(500_000)
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    #expect(process.terminationReason == .uncaughtSignal)
    #expect(try String(contentsOfFile: directory + "/out.jsonl", encoding: .utf8) == "old\n")
    #expect(try entries(directory) == ["data", "models", "out.jsonl", "winback.plum"])
  }

  @Test func fmtKeepsASymbolicLinkAndLeavesNothingBeside() throws {
    let directory = try winbackCopy()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try "policy  p\ninput person{id:string key,age : int}\nrule adult=person.age>=18\n".write(
      toFile: directory + "/messy.plum", atomically: false, encoding: .utf8)
    #expect(symlink("messy.plum", directory + "/link.plum") == 0)
    let outcome = try plum(["fmt", "link.plum"], in: directory)
    #expect(outcome.status == 0, "\(outcome.error)")
    #expect(
      try FileManager.default.destinationOfSymbolicLink(atPath: directory + "/link.plum") == "messy.plum")
    #expect(try String(contentsOfFile: directory + "/messy.plum", encoding: .utf8).hasPrefix("policy p\n\n"))
    #expect(try entries(directory) == ["data", "link.plum", "messy.plum", "models", "winback.plum"])
  }

  @Test func devNullIsAnOutput() throws {
    let directory = try winbackCopy()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let outcome = try plum(
      [
        "run", "winback.plum", "data/participants.csv", "--out", "/dev/null", "--summary", "/dev/null",
        "--as-of", "2026-11-23",
      ], in: directory)
    #expect(outcome.status == 0, "\(outcome.error)")
  }
}

/// The REPL history is rewritten through a temporary file too, for its owner only.
struct HistoryRewriteTests {
  @Test func aRewriteReplacesTheFileAndKeepsItPrivate() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "plum-history-rewrite-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    ).path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = directory + "/history"
    let old = "1 + 2\n:record {\"id\": \"a\"}\n"
    try old.write(toFile: path, atomically: false, encoding: .utf8)
    #expect(chmod(path, 0o644) == 0)
    #expect(link(path, directory + "/kept") == 0)
    // Loading drops the `:record` line an earlier version wrote, which rewrites the file.
    #expect(HistoryFile(path: path, limit: 10).load() == ["1 + 2"])
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "1 + 2\n")
    #expect(try String(contentsOfFile: directory + "/kept", encoding: .utf8) == old)
    var info = stat()
    #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o600)
    #expect(try entries(directory) == ["history", "kept"])
  }
}
