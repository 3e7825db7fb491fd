/// Word-at-a-time byte searches: each test looks at eight bytes with a few integer operations.
enum ByteScan {
  private static let ones: UInt64 = 0x0101_0101_0101_0101
  private static let highs: UInt64 = 0x8080_8080_8080_8080

  /// Whether some byte of `word` is zero.
  @inline(__always)
  static func hasZeroByte(_ word: UInt64) -> Bool {
    (word &- ones) & ~word & highs != 0
  }

  /// Whether some byte of `word` equals `byte`.
  @inline(__always)
  static func hasByte(_ word: UInt64, _ byte: UInt8) -> Bool {
    hasZeroByte(word ^ (ones &* UInt64(byte)))
  }

  /// Whether some byte of `word` is below 0x20 or at or above 0x80.
  @inline(__always)
  static func hasControlOrNonASCII(_ word: UInt64) -> Bool {
    ((word &- ones &* 0x20) | word) & highs != 0
  }

  /// The offset of the first byte at or after `from` that may end an unquoted CSV field (a comma,
  /// line feed or carriage return), skipping eight bytes at a time; `end` if none.
  @inline(__always)
  static func skipCSVText(_ bytes: UnsafePointer<UInt8>, from: Int, to end: Int) -> Int {
    var p = from
    while p + 8 <= end {
      let word = UnsafeRawPointer(bytes + p).loadUnaligned(as: UInt64.self)
      if hasByte(word, 0x2C) || hasByte(word, 0x0A) || hasByte(word, 0x0D) { break }
      p += 8
    }
    while p < end {
      let byte = bytes[p]
      if byte == 0x2C || byte == 0x0A || byte == 0x0D { return p }
      p += 1
    }
    return end
  }

  /// The offset of the first byte at or after `from` that is a quote, a backslash, a control
  /// character or non-ASCII, skipping eight plain bytes at a time; `end` if none.
  @inline(__always)
  static func skipJSONText(_ bytes: UnsafePointer<UInt8>, from: Int, to end: Int) -> Int {
    var p = from
    while p + 8 <= end {
      let word = UnsafeRawPointer(bytes + p).loadUnaligned(as: UInt64.self)
      if hasByte(word, 0x22) || hasByte(word, 0x5C) || hasControlOrNonASCII(word) { break }
      p += 8
    }
    while p < end {
      let byte = bytes[p]
      if byte == 0x22 || byte == 0x5C || byte < 0x20 || byte >= 0x80 { return p }
      p += 1
    }
    return end
  }

  /// Whether `count` bytes at `a` and `b` are equal, comparing eight at a time.
  @inline(__always)
  static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, count: Int) -> Bool {
    if count >= 8 {
      var offset = 0
      while offset &+ 8 <= count {
        let left = UnsafeRawPointer(a + offset).loadUnaligned(as: UInt64.self)
        let right = UnsafeRawPointer(b + offset).loadUnaligned(as: UInt64.self)
        if left != right { return false }
        offset &+= 8
      }
      // The last eight bytes, overlapping ones already compared.
      let last = count &- 8
      return UnsafeRawPointer(a + last).loadUnaligned(as: UInt64.self)
        == UnsafeRawPointer(b + last).loadUnaligned(as: UInt64.self)
    }
    var index = 0
    while index < count {
      if a[index] != b[index] { return false }
      index &+= 1
    }
    return true
  }
}
