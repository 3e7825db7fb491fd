import Foundation

extension JSONLinesWriter {
  /// Creates a writer that writes to `fileHandle`'s descriptor, which the writer does not close.
  public convenience init(fileHandle: FileHandle, bufferSize: Int = 1 << 20) {
    self.init(fileDescriptor: fileHandle.fileDescriptor, bufferSize: bufferSize)
  }
}
