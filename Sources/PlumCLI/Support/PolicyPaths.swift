import Foundation

/// Expands command-line paths: files stay as given, directories become their `*.plum` files.
enum PolicyPaths {
  /// Files as given, and every `*.plum` under each directory, sorted, so output order is stable.
  static func expand(_ paths: [String]) -> [String] {
    paths.flatMap { path -> [String] in
      guard path != "-", let files = plumFiles(inDirectory: path) else { return [path] }
      return files
    }
  }

  /// The `*.plum` files below a directory, sorted; nil when the path is not a directory.
  static func plumFiles(inDirectory path: String) -> [String]? {
    var isDirectory: ObjCBool = false
    let manager = FileManager.default
    guard manager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
      return nil
    }
    let base = path.hasSuffix("/") ? String(path.dropLast()) : path
    return (manager.enumerator(atPath: path)?.compactMap { $0 as? String } ?? [])
      .filter { $0.hasSuffix(".plum") }
      .sorted()
      .map { "\(base)/\($0)" }
  }
}
