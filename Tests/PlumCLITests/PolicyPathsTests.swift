import Foundation
import Testing

@testable import PlumCLI

/// A fresh folder under the temporary directory, with files at relative paths; removed by `remove`.
private struct Folder {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("plum-paths-\(UUID().uuidString)")

  var path: String { url.path }

  func write(_ relative: String, _ text: String = "policy p\ninput p {\n  id: string key\n}\n") throws {
    let file = url.appendingPathComponent(relative)
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: file, atomically: true, encoding: .utf8)
  }

  func remove() { try? FileManager.default.removeItem(at: url) }
}

struct PolicyPathsTests {
  @Test func directoriesYieldTheirPoliciesButNotThoseInHiddenFolders() throws {
    let folder = Folder()
    defer { folder.remove() }
    for file in ["b.plum", "sub/a.plum", ".build/debug/x.plum", ".git/y.plum", "sub/.cache/z.plum"] {
      try folder.write(file)
    }
    try folder.write("notes.txt", "not a policy")
    let files = try #require(PolicyPaths.plumFiles(inDirectory: folder.path))
    #expect(files == [folder.path + "/b.plum", folder.path + "/sub/a.plum"])
    #expect(PolicyPaths.plumFiles(inDirectory: folder.path + "/b.plum") == nil)
    #expect(try PolicyPaths.expand(["-", folder.path + "/sub/"]) == ["-", folder.path + "/sub/a.plum"])
  }

  @Test(arguments: ["check", "fmt", "test"])
  func aDirectoryWithoutPoliciesIsAUsageError(command: String) throws {
    let folder = Folder()
    defer { folder.remove() }
    try folder.write("full/p.plum")
    try folder.write("empty/.build/hidden.plum")
    try folder.write("empty/readme.txt", "no policies here")
    let io = CapturedIO()
    let status = PlumCommand.run(
      [command, folder.path + "/full", folder.path + "/empty"], io: io)
    #expect(status == .usage)
    #expect(io.err == "error: no .plum files under '\(folder.path)/empty'\n")
    #expect(io.out.isEmpty, "nothing is checked, formatted or tested")
  }
}
