/// Direct access to a `RecordRow`'s arrays while a reader fills it, without a uniqueness or
/// bounds check per store.
struct RowStorage {
  /// `RecordRow.ints`.
  let ints: UnsafeMutableBufferPointer<Int64>
  /// `RecordRow.floats`.
  let floats: UnsafeMutableBufferPointer<Double>
  /// `RecordRow.strings`.
  let strings: UnsafeMutableBufferPointer<String>
  /// `RecordRow.present`.
  let present: UnsafeMutableBufferPointer<Bool>

  /// Marks every field absent.
  func clearPresence() {
    guard let base = present.baseAddress else { return }
    base.update(repeating: false, count: present.count)
  }
}

extension RecordRow {
  /// Calls `body` with direct access to the row's arrays.
  mutating func withStorage<Result>(_ body: (RowStorage) throws(DataError) -> Result) throws(DataError)
    -> Result
  {
    try ints.withUnsafeMutableBufferPointer { (ints) throws(DataError) in
      try floats.withUnsafeMutableBufferPointer { (floats) throws(DataError) in
        try strings.withUnsafeMutableBufferPointer { (strings) throws(DataError) in
          try present.withUnsafeMutableBufferPointer { (present) throws(DataError) in
            try body(RowStorage(ints: ints, floats: floats, strings: strings, present: present))
          }
        }
      }
    }
  }
}
