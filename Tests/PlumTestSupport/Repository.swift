import Foundation

/// Where the repository and the project's shared folder are, found from a test file's path.
public enum Repository {
  /// The repository root: the nearest folder above `filePath` (pass `#filePath`) with a
  /// `Package.swift`.
  public static func root(from filePath: String = #filePath) -> URL {
    var url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
    while url.path != "/" {
      if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
        return url
      }
      url = url.deletingLastPathComponent()
    }
    return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
  }

  /// The path of `relative` below the repository root.
  public static func path(_ relative: String) -> String {
    root().appendingPathComponent(relative).path
  }
}
