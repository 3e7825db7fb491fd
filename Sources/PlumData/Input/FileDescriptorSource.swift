#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A byte source reading a file descriptor with `read(2)`, such as standard input or an opened file.
public final class FileDescriptorSource: ByteSource {
  /// The descriptor read from.
  public let fileDescriptor: Int32
  private let closesOnDeinit: Bool
  /// The descriptor's position before the first read when it is a regular file, else nil: only a
  /// regular file can be read again from an earlier position.
  private let startPosition: off_t?

  /// Reads from `fileDescriptor`, which stays open when the source goes away unless
  /// `closesOnDeinit` is true.
  public init(fileDescriptor: Int32, closesOnDeinit: Bool = false) {
    self.fileDescriptor = fileDescriptor
    self.closesOnDeinit = closesOnDeinit
    var info = stat()
    if fstat(fileDescriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG {
      let position = lseek(fileDescriptor, 0, SEEK_CUR)
      startPosition = position >= 0 ? position : nil
    } else {
      startPosition = nil
    }
  }

  /// A source reading standard input.
  public static func standardInput() -> FileDescriptorSource {
    FileDescriptorSource(fileDescriptor: 0)
  }

  /// Opens the file at `path` for reading; the descriptor is closed when the source goes away.
  /// - Throws: `DataError.cannotOpen` when the file cannot be opened.
  public static func open(path: String) throws(DataError) -> FileDescriptorSource {
    let descriptor = systemOpen(path)
    guard descriptor >= 0 else { throw .cannotOpen(path: path, errno: errno) }
    return FileDescriptorSource(fileDescriptor: descriptor, closesOnDeinit: true)
  }

  deinit {
    if closesOnDeinit { _ = close(fileDescriptor) }
  }

  /// Reads with `read(2)`, retrying when interrupted by a signal.
  public func read(into buffer: UnsafeMutableRawBufferPointer) throws(DataError) -> Int {
    guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
    while true {
      let count = systemRead(fileDescriptor, base, buffer.count)
      if count >= 0 { return count }
      if errno != EINTR { throw .readFailed(errno: errno) }
    }
  }

  /// Seeks a regular file back (or forward) to `offset` bytes after where reading began.
  public func rewind(toOffset offset: Int) -> Bool {
    guard let startPosition, offset >= 0 else { return false }
    let target = startPosition + off_t(offset)
    return lseek(fileDescriptor, target, SEEK_SET) == target
  }
}

/// `open(2)` for reading, outside the class so its `read` does not shadow the C functions.
private func systemOpen(_ path: String) -> Int32 {
  path.withCString { open($0, O_RDONLY | O_CLOEXEC) }
}

/// `read(2)`.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
  read(descriptor, buffer, count)
}
