#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The check that a command's output files are none of its inputs, made before anything is
/// written: `plum run data.csv --out data.csv` would otherwise replace the records with decisions.
///
/// Two paths name the same file when they are the same text, resolve to the same absolute path
/// (through `..`, `.` and symbolic links, also for a file not created yet), or, for files that exist,
/// have the same device and inode (hard links, bind mounts). Standard input and output (`-`) are
/// never compared, nor outputs that are devices or pipes (`/dev/null`), which are written, not
/// replaced.
struct OutputConflicts {
  /// An output file: the option that names it (`--out`) and its path.
  struct Output {
    var option: String
    var path: String
  }

  /// An input file: what it is (`the policy`, `the data file`) and its path.
  struct Input {
    var role: String
    var path: String
  }

  /// The outputs to check.
  var outputs: [Output]
  /// The files read.
  var inputs: [Input]

  /// The usage error for the first output that names an input (or another output), or nil.
  func problem() -> String? {
    for (index, output) in outputs.enumerated() where output.path != "-" {
      let identity = FileIdentity(output.path)
      // A device or pipe (`/dev/null`) is written, not replaced: nothing is lost.
      if identity.isSpecial { continue }
      for input in inputs where input.path != "-" && identity.isSame(as: FileIdentity(input.path)) {
        return
          "\(output.option) '\(output.path)' is \(input.role) '\(input.path)'; refusing to overwrite an input"
      }
      for other in outputs[..<index] where other.path != "-" && identity.isSame(as: FileIdentity(other.path))
      {
        return "\(output.option) and \(other.option) both name '\(output.path)'; give them different files"
      }
    }
    return nil
  }
}

/// What identifies a file: its path as given and resolved, and its device and inode when it exists.
struct FileIdentity {
  let path: String
  let resolved: String?
  let device: UInt64?
  let inode: UInt64?
  /// Whether the file exists and is neither a regular file nor a directory.
  let isSpecial: Bool

  init(_ path: String) {
    self.path = path
    var info = stat()
    if stat(path, &info) == 0 {
      device = UInt64(info.st_dev)
      inode = UInt64(info.st_ino)
      let type = info.st_mode & S_IFMT
      isSpecial = type != S_IFREG && type != S_IFDIR
    } else {
      device = nil
      inode = nil
      isSpecial = false
    }
    resolved = Self.resolve(path)
  }

  /// Whether both name the same file.
  func isSame(as other: FileIdentity) -> Bool {
    if path == other.path { return true }
    if let resolved, resolved == other.resolved { return true }
    if let device, let inode, device == other.device, inode == other.inode { return true }
    return false
  }

  /// The absolute path with links resolved; for a file that does not exist, its directory's.
  private static func resolve(_ path: String) -> String? {
    if let whole = real(path) { return whole }
    let slash = path.lastIndex(of: "/")
    let directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    guard !name.isEmpty, name != ".", name != "..", let base = real(directory) else { return nil }
    return base + (base.hasSuffix("/") ? "" : "/") + name
  }

  private static func real(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }
}
