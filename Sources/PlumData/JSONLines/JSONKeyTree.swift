/// The schema's dotted paths as a tree of JSON object keys: node 0 is the record's object, and
/// each key of a node leads to a field or to a nested object's node.
struct JSONKeyTree {
  /// One key of one node.
  struct Entry {
    /// The key's UTF-8 bytes, as an offset and count in `keyBytes`.
    var keyStart: Int
    var keyCount: Int
    /// A field index when non-negative; otherwise `~target` is a node index.
    var target: Int
    /// Whether the key is printable ASCII without `"` or `\`, so it appears in JSON unescaped.
    var isPlain: Bool
  }

  /// All keys' bytes, back to back.
  private(set) var keyBytes: [UInt8] = []
  /// All nodes' entries; node `n` owns `entries[nodeRanges[n]]`.
  private(set) var entries: [Entry] = []
  /// Each node's range of entries.
  private(set) var nodeRanges: [Range<Int>] = []
  /// Each node's dotted path (empty for the top level).
  private(set) var nodePaths: [String] = []

  /// Builds the tree of `schema`'s paths, keeping the schema's order of keys.
  init(schema: RecordSchema) {
    var children: [[(key: String, target: Int)]] = [[]]
    var paths = [""]
    for (field, spec) in schema.fields.enumerated() {
      var node = 0
      let components = spec.components
      for component in components.dropLast() {
        let key = String(component)
        if let existing = children[node].first(where: { $0.key == key && $0.target < 0 }) {
          node = ~existing.target
        } else {
          let created = children.count
          children.append([])
          paths.append(paths[node].isEmpty ? key : paths[node] + "." + key)
          children[node].append((key, ~created))
          node = created
        }
      }
      children[node].append((String(components.last ?? ""), field))
    }
    for nodeChildren in children {
      let first = entries.count
      for child in nodeChildren {
        let bytes = Array(child.key.utf8)
        let isPlain = bytes.allSatisfy { $0 >= 0x20 && $0 < 0x80 && $0 != 0x22 && $0 != 0x5C }
        entries.append(
          Entry(keyStart: keyBytes.count, keyCount: bytes.count, target: child.target, isPlain: isPlain))
        keyBytes.append(contentsOf: bytes)
      }
      nodeRanges.append(first..<entries.count)
    }
    nodePaths = paths
  }

  /// When the string content at `offset` is exactly the key of entry `hint` and its closing
  /// quote, the entry's target and the offset after the quote; the entry after becomes the hint.
  ///
  /// Records usually repeat one key order, so most keys are matched here without a scan.
  @inline(__always)
  func matchPredicted(_ bytes: UnsafePointer<UInt8>, at offset: Int, end: Int, in node: Int, hint: inout Int)
    -> (target: Int, next: Int)?
  {
    guard nodeRanges[node].contains(hint) else { return nil }
    let entry = entries[hint]
    let close = offset + entry.keyCount
    guard entry.isPlain, close < end, bytes[close] == UInt8(ascii: "\"") else { return nil }
    let same = keyBytes.withUnsafeBufferPointer { key in
      guard let base = key.baseAddress else { return entry.keyCount == 0 }
      return ByteScan.equal(base + entry.keyStart, bytes + offset, count: entry.keyCount)
    }
    guard same else { return nil }
    hint += 1
    return (entry.target, close + 1)
  }

  /// The target of `key` in `node`, trying entry `hint` first (records usually repeat the key
  /// order) and setting it to the entry after the match.
  @inline(__always)
  func lookup(_ key: UnsafeBufferPointer<UInt8>, in node: Int, hint: inout Int) -> Int? {
    let range = nodeRanges[node]
    if range.contains(hint) && matches(entries[hint], key) {
      let target = entries[hint].target
      hint += 1
      return target
    }
    for index in range where matches(entries[index], key) {
      hint = index + 1
      return entries[index].target
    }
    return nil
  }

  @inline(__always)
  private func matches(_ entry: Entry, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
    guard entry.keyCount == key.count else { return false }
    return keyBytes.withUnsafeBufferPointer { bytes in
      guard let base = bytes.baseAddress, let keyBase = key.baseAddress else { return key.isEmpty }
      return ByteScan.equal(base + entry.keyStart, keyBase, count: entry.keyCount)
    }
  }
}
