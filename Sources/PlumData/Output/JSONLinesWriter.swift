#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A buffered writer of JSON Lines output, to a file descriptor or to memory.
///
/// Appends never fail: when writing to the descriptor fails, the writer keeps the first error,
/// drops further output and throws that error from `flush()`. Output depends only on the values
/// appended, so it is byte-identical across runs.
///
/// Formats: integers in decimal; doubles in the shortest text that reads back as the same double
/// (`0.1`, `1e-05`, `1.0`), and `null` for NaN and the infinities, which JSON cannot express; money
/// as a JSON number with exactly `scale` decimals (`1234.50`); dates as `"YYYY-MM-DD"` strings.
public final class JSONLinesWriter {
  private let fileDescriptor: Int32?
  private var storage: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  private var count = 0
  private var failure: DataError?

  /// Creates a writer that writes to `fileDescriptor` in blocks of `bufferSize` bytes; the
  /// descriptor is not closed by the writer.
  public init(fileDescriptor: Int32, bufferSize: Int = 1 << 20) {
    self.fileDescriptor = fileDescriptor
    capacity = max(64, bufferSize)
    storage = .allocate(capacity: capacity)
  }

  /// Creates a writer that keeps everything in memory; read it with `bytes`.
  public init() {
    fileDescriptor = nil
    capacity = 1 << 12
    storage = .allocate(capacity: capacity)
  }

  deinit { storage.deallocate() }

  /// In memory: everything written so far. To a descriptor: what is buffered and not yet flushed.
  public var bytes: [UInt8] {
    Array(UnsafeBufferPointer(start: storage, count: count))
  }

  /// In memory: everything written so far as text.
  public var text: String {
    String(decoding: UnsafeBufferPointer(start: storage, count: count), as: UTF8.self)
  }

  /// The number of bytes held: everything written so far in memory, the unflushed part otherwise.
  public var byteCount: Int { count }

  /// Calls `body` with the bytes held, without copying them; valid only during the call.
  public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
    try body(UnsafeRawBufferPointer(start: storage, count: count))
  }

  /// Forgets the bytes held in memory, keeping the storage, so one writer can serve many
  /// responses; a writer to a descriptor flushes instead.
  public func removeAll() {
    if fileDescriptor != nil { writeBuffered() } else { count = 0 }
  }

  /// Writes out buffered bytes.
  /// - Throws: `DataError.writeFailed` for the first write that failed since the writer was made.
  public func flush() throws(DataError) {
    writeBuffered()
    if let failure { throw failure }
  }

  // MARK: Raw bytes

  /// Appends one byte.
  @inline(__always)
  public func append(byte: UInt8) {
    if count == capacity { makeRoom(1) }
    storage[count] = byte
    count += 1
  }

  /// Appends raw bytes, unchanged.
  public func append(bytes: UnsafeRawBufferPointer) {
    guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
    if capacity - count < bytes.count {
      if fileDescriptor != nil && bytes.count > capacity {
        // Too big to buffer: write what is buffered, then these bytes directly.
        writeBuffered()
        writeOut(UnsafeRawPointer(source), bytes.count)
        return
      }
      makeRoom(bytes.count)
    }
    UnsafeMutableRawPointer(storage + count).copyMemory(from: source, byteCount: bytes.count)
    count += bytes.count
  }

  /// Appends raw bytes, unchanged.
  public func append(contentsOf bytes: [UInt8]) {
    bytes.withUnsafeBytes { append(bytes: $0) }
  }

  /// Appends literal text unchanged, such as `{"id":`; it is not escaped.
  public func append(raw text: StaticString) {
    append(bytes: UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  /// Appends the UTF-8 bytes of `text` unchanged; it is not escaped.
  public func append(raw text: String) {
    var text = text
    text.withUTF8 { append(bytes: UnsafeRawBufferPointer($0)) }
  }

  /// Ends a line.
  @inline(__always)
  public func endLine() {
    append(byte: 0x0A)
  }

  // MARK: JSON values

  /// Appends `text` as a JSON string: in double quotes, with `"`, `\` and control characters
  /// escaped (`\n`, `\t`, `\u001f`…) and everything else, non-ASCII included, as UTF-8.
  public func append(jsonString text: String) {
    var text = text
    text.withUTF8 { append(jsonString: $0) }
  }

  /// Appends UTF-8 bytes (assumed valid) as a JSON string; see `append(jsonString:)`.
  public func append(jsonString text: UnsafeBufferPointer<UInt8>) {
    append(byte: UInt8(ascii: "\""))
    var runStart = 0
    var index = 0
    let total = text.count
    while index < total {
      let byte = text[index]
      if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
        index += 1
        continue
      }
      if index > runStart, let base = text.baseAddress {
        append(bytes: UnsafeRawBufferPointer(start: base + runStart, count: index - runStart))
      }
      appendEscape(byte)
      index += 1
      runStart = index
    }
    if total > runStart, let base = text.baseAddress {
      append(bytes: UnsafeRawBufferPointer(start: base + runStart, count: total - runStart))
    }
    append(byte: UInt8(ascii: "\""))
  }

  private func appendEscape(_ byte: UInt8) {
    append(byte: UInt8(ascii: "\\"))
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"): append(byte: byte)
    case 0x08: append(byte: UInt8(ascii: "b"))
    case 0x0C: append(byte: UInt8(ascii: "f"))
    case 0x0A: append(byte: UInt8(ascii: "n"))
    case 0x0D: append(byte: UInt8(ascii: "r"))
    case 0x09: append(byte: UInt8(ascii: "t"))
    default:
      let digits: StaticString = "0123456789abcdef"
      append(raw: "u00")
      append(byte: digits.utf8Start[Int(byte >> 4)])
      append(byte: digits.utf8Start[Int(byte & 0xF)])
    }
  }

  /// Appends an integer in decimal.
  public func append(int value: Int64) {
    if value < 0 { append(byte: UInt8(ascii: "-")) }
    appendDigits(value.magnitude, minimumWidth: 1)
  }

  /// Appends `true` or `false`.
  public func append(bool value: Bool) {
    if value { append(raw: "true") } else { append(raw: "false") }
  }

  /// Appends the shortest decimal that reads back as `value`, or `null` when it is not finite.
  public func append(double value: Double) {
    guard value.isFinite else { return append(raw: "null") }
    if value == value.rounded(.towardZero) && value.magnitude < 1e15 {
      // Integral values print as `Int` plus `.0`, matching `description` without its allocation.
      if value.sign == .minus { append(byte: UInt8(ascii: "-")) }
      appendDigits(UInt64(value.magnitude), minimumWidth: 1)
      return append(raw: ".0")
    }
    append(raw: value.description)
  }

  /// Appends a money amount of `minorUnits` at `scale` as a JSON number with exactly `scale`
  /// decimals (`123450` at scale 2 is `1234.50`).
  public func append(money minorUnits: Int64, scale: Int) {
    let scale = min(max(scale, 0), 18)
    if minorUnits < 0 { append(byte: UInt8(ascii: "-")) }
    var divisor: UInt64 = 1
    for _ in 0..<scale { divisor *= 10 }
    let magnitude = minorUnits.magnitude
    appendDigits(magnitude / divisor, minimumWidth: 1)
    if scale > 0 {
      append(byte: UInt8(ascii: "."))
      appendDigits(magnitude % divisor, minimumWidth: scale)
    }
  }

  /// Appends a date given as days since 1970-01-01 as a JSON string `"YYYY-MM-DD"`; years past
  /// 9999 get more digits, and days too far from 1970 to be a date are written as `null`.
  public func append(date daysSince1970: Int64) {
    guard daysSince1970.magnitude < 1 << 40 else { return append(raw: "null") }
    let (year, month, day) = CivilDate.components(daysSince1970)
    append(byte: UInt8(ascii: "\""))
    if year < 0 { append(byte: UInt8(ascii: "-")) }
    appendDigits(year.magnitude, minimumWidth: 4)
    append(byte: UInt8(ascii: "-"))
    appendDigits(UInt64(month), minimumWidth: 2)
    append(byte: UInt8(ascii: "-"))
    appendDigits(UInt64(day), minimumWidth: 2)
    append(byte: UInt8(ascii: "\""))
  }

  /// Appends `value` in decimal, zero-padded to `minimumWidth` digits.
  private func appendDigits(_ value: UInt64, minimumWidth: Int) {
    var width = 1
    var probe = value
    while probe >= 10 {
      probe /= 10
      width += 1
    }
    width = max(width, minimumWidth)
    if capacity - count < width { makeRoom(width) }
    var remaining = value
    var index = count + width - 1
    while index >= count {
      storage[index] = UInt8(ascii: "0") + UInt8(remaining % 10)
      remaining /= 10
      index -= 1
    }
    count += width
  }

  // MARK: Buffer

  /// Makes room for `needed` more bytes: flushes to the descriptor, or grows the memory buffer.
  private func makeRoom(_ needed: Int) {
    if fileDescriptor != nil {
      writeBuffered()
      if capacity >= needed { return }
    }
    let newCapacity = max(capacity * 2, count + needed)
    let newStorage = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    newStorage.update(from: storage, count: count)
    storage.deallocate()
    storage = newStorage
    capacity = newCapacity
  }

  private func writeBuffered() {
    guard fileDescriptor != nil, count > 0 else { return }
    writeOut(UnsafeRawPointer(storage), count)
    count = 0
  }

  private func writeOut(_ bytes: UnsafeRawPointer, _ total: Int) {
    guard let fileDescriptor, failure == nil else { return }
    var written = 0
    while written < total {
      let result = systemWrite(fileDescriptor, bytes + written, total - written)
      if result < 0 {
        if errno == EINTR { continue }
        failure = .writeFailed(errno: errno)
        return
      }
      written += result
    }
  }
}

/// `write(2)`.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
  write(descriptor, bytes, count)
}
