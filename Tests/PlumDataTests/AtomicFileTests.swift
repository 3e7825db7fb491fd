import Foundation
import PlumData
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A fresh directory for one test.
private func scratchDirectory() throws -> String {
  let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
    "plum-atomic-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
  try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  return directory.path
}

private func contents(_ path: String) throws -> String {
  try String(contentsOfFile: path, encoding: .utf8)
}

private func entries(_ directory: String) throws -> [String] {
  try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
}

private func permissions(_ path: String) -> mode_t {
  var info = stat()
  return stat(path, &info) == 0 ? info.st_mode & 0o7777 : 0
}

/// Files Plum replaces go through a temporary file renamed over them: the old contents or the
/// new, never a part, and nothing left beside them.
struct AtomicFileTests {
  @Test func replacesTheFileWithoutWritingIntoTheOldOne() throws {
    let directory = try scratchDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = directory + "/out.json"
    try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
    // A hard link still names the old file: truncating and rewriting in place would change it.
    #expect(link(path, directory + "/kept") == 0)
    try AtomicFile.write(Array("new\n".utf8), to: path)
    #expect(try contents(path) == "new\n")
    #expect(try contents(directory + "/kept") == "old\n")
    #expect(try entries(directory) == ["kept", "out.json"])
  }

  @Test func keepsTheModeOfAFileThatExists() throws {
    let directory = try scratchDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = directory + "/secret"
    try "old".write(toFile: path, atomically: false, encoding: .utf8)
    #expect(chmod(path, 0o600) == 0)
    try AtomicFile.write(Array("new".utf8), to: path, mode: 0o644)
    #expect(permissions(path) == 0o600)
    #expect(chmod(path, 0o755) == 0)
    try AtomicFile.write(Array("newer".utf8), to: path)
    #expect(permissions(path) == 0o755)
    #expect(try contents(path) == "newer")
  }

  @Test func aNewFileGetsTheModeLessTheUmask() throws {
    let directory = try scratchDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try AtomicFile.write(Array("x".utf8), to: directory + "/private", mode: 0o600)
    #expect(permissions(directory + "/private") == 0o600)
    let mask = umask(0o022)
    umask(mask)
    try AtomicFile.write(Array("x".utf8), to: directory + "/public")
    #expect(permissions(directory + "/public") == 0o644 & ~mask)
  }

  @Test func aDiscardedWriteLeavesTheOldFileAndNothingElse() throws {
    let directory = try scratchDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = directory + "/decisions.jsonl"
    try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
    let file = try AtomicFile(path: path)
    try file.write(Array("partial".utf8))
    file.discard()
    #expect(try contents(path) == "old\n")
    #expect(try entries(directory) == ["decisions.jsonl"])
  }

  @Test func aFileNeverCommittedIsRemovedWhenReleased() throws {
    let directory = try scratchDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    do {
      let file = try AtomicFile(path: directory + "/new.jsonl")
      try file.write(Array("partial".utf8))
    }
    #expect(try entries(directory) == [])
  }

  @Test func aFailedRenameRemovesTheTemporaryFile() throws {
    let directory = try scratchDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = directory + "/target"
    let file = try AtomicFile(path: path)
    try file.write(Array("new".utf8))
    // A non-empty directory now stands where the file goes, so the rename fails.
    try FileManager.default.createDirectory(atPath: path + "/inside", withIntermediateDirectories: true)
    #expect(throws: DataError.self) { try file.commit() }
    #expect(try entries(directory) == ["target"])
    #expect(try entries(path) == ["inside"])
  }

  @Test func aSymbolicLinkStaysALinkToTheNewContents() throws {
    let directory = try scratchDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try FileManager.default.createDirectory(atPath: directory + "/real", withIntermediateDirectories: true)
    try "old".write(toFile: directory + "/real/file", atomically: false, encoding: .utf8)
    #expect(symlink("real/file", directory + "/link") == 0)
    try AtomicFile.write(Array("new".utf8), to: directory + "/link")
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: directory + "/link") == "real/file")
    #expect(try contents(directory + "/real/file") == "new")
    #expect(try entries(directory + "/real") == ["file"])
  }

  @Test func aDeviceIsWrittenInPlace() throws {
    try AtomicFile.write(Array("discarded".utf8), to: "/dev/null")
    var info = stat()
    #expect(stat("/dev/null", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)
  }

  @Test func aDirectoryIsRefused() throws {
    let directory = try scratchDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    #expect(throws: DataError.cannotOpen(path: directory, errno: EISDIR)) {
      try AtomicFile.write(Array("x".utf8), to: directory)
    }
    #expect(try entries(directory) == [])
  }

  @Test func aMissingDirectoryIsAnOpenError() throws {
    #expect(throws: DataError.cannotOpen(path: "/nonexistent-plum-dir/out", errno: ENOENT)) {
      try AtomicFile.write(Array("x".utf8), to: "/nonexistent-plum-dir/out")
    }
  }
}
