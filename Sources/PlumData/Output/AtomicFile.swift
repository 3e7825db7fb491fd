#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file being replaced: written to a temporary file in the same directory and renamed over the
/// target by `commit()`, so the target holds its old contents or the new ones, never a part.
///
/// On Linux the new contents go to an unnamed file in the target's directory (`O_TMPFILE`), which
/// the system removes if the process dies before `commit()`; `commit()` links it as
/// `.NAME.plum-PID-RANDOM.tmp` and renames that over the target in the same instant. Where unnamed
/// files are not supported, the temporary file has that name from the start. `discard()` (or a
/// failed write or commit) removes it and leaves the target as it was. A target that exists keeps its
/// permission bits; a new one gets `mode` less the process's umask. A symbolic link is followed, so
/// the file it names is replaced and the link stays. A target that exists and is not a regular file
/// (`/dev/null`, `/dev/stdout`, a named pipe) cannot be renamed over; it is opened and written in
/// place, and `commit()` only closes it.
public final class AtomicFile {
  /// The path as given.
  public let path: String
  /// The descriptor the new contents are written to.
  public let fileDescriptor: Int32
  /// The file the temporary file is renamed over (the link's target for a symbolic link).
  private let target: String
  /// Where the new contents are until `commit()`.
  private let staging: Staging
  private var isOpen = true

  /// Creates the temporary file beside `path` (or opens a non-regular target in place).
  public init(path: String, mode: mode_t = 0o644) throws(DataError) {
    self.path = path
    var target = path
    var info = stat()
    if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK, let resolved = Self.resolve(path) {
      target = resolved
    }
    self.target = target
    var existing = stat()
    let exists = stat(target, &existing) == 0
    if exists, (existing.st_mode & S_IFMT) != S_IFREG {
      if (existing.st_mode & S_IFMT) == S_IFDIR { throw .cannotOpen(path: path, errno: EISDIR) }
      let descriptor = Self.systemOpen(target, O_WRONLY | O_TRUNC | O_CLOEXEC, 0)
      guard descriptor >= 0 else { throw .cannotOpen(path: path, errno: errno) }
      fileDescriptor = descriptor
      staging = .inPlace
      return
    }
    let slash = target.lastIndex(of: "/")
    let directory = slash.map { String(target[...$0]) } ?? ""
    let name = slash.map { String(target[target.index(after: $0)...]) } ?? target
    // The name is shortened so that a target whose name is near the system's limit can be replaced.
    let stem = "." + String(decoding: Array(name.utf8.prefix(180)), as: UTF8.self)
    let keptMode = exists ? existing.st_mode & 0o7777 : nil
    #if canImport(Glibc)
      // An unnamed file needs /proc to be linked into the directory at the end.
      if access("/proc/self/fd", X_OK) == 0 {
        let descriptor = Self.systemOpen(
          directory.isEmpty ? "." : directory, __O_TMPFILE | O_DIRECTORY | O_WRONLY | O_CLOEXEC, mode)
        if descriptor >= 0 {
          if let keptMode { _ = fchmod(descriptor, keptMode) }
          fileDescriptor = descriptor
          staging = .unnamed(stem: directory + stem)
          return
        }
      }
    #endif
    var generator = SystemRandomNumberGenerator()
    while true {
      let candidate = Self.temporaryName(directory + stem, &generator)
      let descriptor = Self.systemOpen(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
      if descriptor >= 0 {
        if let keptMode { _ = fchmod(descriptor, keptMode) }
        fileDescriptor = descriptor
        staging = .named(candidate)
        return
      }
      if errno != EEXIST { throw .cannotOpen(path: path, errno: errno) }
    }
  }

  /// Where the new contents are kept until they replace the target.
  private enum Staging {
    /// The target itself, which is not a regular file.
    case inPlace
    /// A temporary file with this name.
    case named(String)
    /// An unnamed file, linked with a name starting with `stem` at the end.
    case unnamed(stem: String)
  }

  private static func temporaryName(_ stem: String, _ generator: inout SystemRandomNumberGenerator) -> String
  {
    stem + ".plum-\(getpid())-\(String(generator.next() as UInt64, radix: 36)).tmp"
  }

  deinit { if isOpen { discard() } }

  /// Writes all of `bytes`, retrying short writes and interrupted calls.
  public func write(_ bytes: some Collection<UInt8>) throws(DataError) {
    let failure: Int32? =
      bytes.withContiguousStorageIfAvailable { Self.writeAll($0, to: fileDescriptor) }
      ?? Array(bytes).withUnsafeBufferPointer { Self.writeAll($0, to: fileDescriptor) }
    if let failure { throw .writeFailed(errno: failure) }
  }

  /// Flushes the new contents to the disk and renames them over the target; on failure the
  /// temporary file is removed and the target keeps its old contents.
  public func commit() throws(DataError) {
    guard isOpen else { return }
    isOpen = false
    let temporary: String
    switch staging {
    case .inPlace:
      if close(fileDescriptor) != 0 { throw .writeFailed(errno: errno) }
      return
    case .named(let name):
      temporary = name
    case .unnamed(let stem):
      guard let name = link(stem: stem) else {
        let error = errno
        _ = close(fileDescriptor)
        throw .writeFailed(errno: error)
      }
      temporary = name
    }
    if fsync(fileDescriptor) != 0, errno != EINVAL {
      let error = errno
      _ = close(fileDescriptor)
      _ = unlink(temporary)
      throw .writeFailed(errno: error)
    }
    if close(fileDescriptor) != 0 || rename(temporary, target) != 0 {
      let error = errno
      _ = unlink(temporary)
      throw .writeFailed(errno: error)
    }
  }

  /// Gives the unnamed file a name in its directory; nil (with `errno`) when it cannot.
  private func link(stem: String) -> String? {
    #if canImport(Glibc)
      var generator = SystemRandomNumberGenerator()
      while true {
        let candidate = Self.temporaryName(stem, &generator)
        if linkat(AT_FDCWD, "/proc/self/fd/\(fileDescriptor)", AT_FDCWD, candidate, AT_SYMLINK_FOLLOW) == 0 {
          return candidate
        }
        if errno != EEXIST { return nil }
      }
    #else
      return nil
    #endif
  }

  /// Closes and removes the temporary file; the target keeps its old contents.
  public func discard() {
    guard isOpen else { return }
    isOpen = false
    _ = close(fileDescriptor)
    if case .named(let name) = staging { _ = unlink(name) }
  }

  /// Replaces the file at `path` with `bytes` in one step.
  public static func write(_ bytes: some Collection<UInt8>, to path: String, mode: mode_t = 0o644)
    throws(DataError)
  {
    let file = try AtomicFile(path: path, mode: mode)
    do {
      try file.write(bytes)
      try file.commit()
    } catch {
      file.discard()
      throw error
    }
  }

  private static func writeAll(_ buffer: UnsafeBufferPointer<UInt8>, to descriptor: Int32) -> Int32? {
    var offset = 0
    while offset < buffer.count {
      let written = systemWrite(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        return errno
      }
      if written == 0 { return EIO }
      offset += written
    }
    return nil
  }

  private static func resolve(_ path: String) -> String? {
    // A link to a file that does not exist yet resolves through its directory.
    if let resolved = realpath(path, nil) {
      defer { free(resolved) }
      return String(cString: resolved)
    }
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let count = readlink(path, &buffer, buffer.count - 1)
    guard count > 0 else { return nil }
    let link = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    if link.hasPrefix("/") { return link }
    let directory = path.lastIndex(of: "/").map { String(path[...$0]) } ?? ""
    return directory + link
  }

  private static func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
    #if canImport(Glibc)
      Glibc.open(path, flags, mode)
    #else
      Darwin.open(path, flags, mode)
    #endif
  }

  private static func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
      Glibc.write(descriptor, buffer, count)
    #else
      Darwin.write(descriptor, buffer, count)
    #endif
  }
}
