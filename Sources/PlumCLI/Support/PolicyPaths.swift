import Foundation

/// Expands command-line paths: files stay as given, directories become their `*.plum` files.
enum PolicyPaths {
  /// A directory argument below which no `*.plum` file lies: a usage error, since nothing would be
  /// checked, formatted or tested.
  struct EmptyDirectory: Error, Equatable {
    /// The directory as given.
    var path: String

    /// `no .plum files under 'DIR'`.
    var message: String { "no .plum files under '\(path)'" }
  }

  /// Files as given, and every `*.plum` under each directory, sorted, so output order is stable.
  ///
  /// - Throws: `EmptyDirectory` for the first directory with no `*.plum` file below it.
  static func expand(_ paths: [String]) throws(EmptyDirectory) -> [String] {
    var expanded: [String] = []
    for path in paths {
      guard path != "-", let files = plumFiles(inDirectory: path) else {
        expanded.append(path)
        continue
      }
      guard !files.isEmpty else { throw EmptyDirectory(path: path) }
      expanded += files
    }
    return expanded
  }

  /// Expands paths, or reports an empty directory on standard error and returns nil.
  static func expand(_ paths: [String], io: CommandIO) -> [String]? {
    do {
      return try expand(paths)
    } catch {
      io.writeErr("error: \(error.message)\n")
      return nil
    }
  }

  /// The `*.plum` files below a directory, sorted; nil when the path is not a directory.
  ///
  /// Folders whose names start with `.` (`.build`, `.git`) are not entered: they hold build
  /// products and history, not policies. Symbolic links to folders are not followed.
  static func plumFiles(inDirectory path: String) -> [String]? {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue
    else { return nil }
    let base = path.hasSuffix("/") ? String(path.dropLast()) : path
    var found: [String] = []
    collect(in: base, relative: "", into: &found)
    return found.sorted().map { "\(base)/\($0)" }
  }

  private static func collect(in directory: String, relative: String, into found: inout [String]) {
    let manager = FileManager.default
    guard let names = try? manager.contentsOfDirectory(atPath: directory) else { return }
    for name in names {
      let path = directory + "/" + name
      let entry = relative.isEmpty ? name : relative + "/" + name
      let type = (try? manager.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
      if type == .typeDirectory {
        if !name.hasPrefix(".") { collect(in: path, relative: entry, into: &found) }
      } else if name.hasSuffix(".plum") {
        found.append(entry)
      }
    }
  }
}
