import Testing

@testable import PlumModels

@Test(arguments: [
  ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
  ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
  (
    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
  ),
  (
    "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
      + "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
    "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
  ),
])
func sha256MatchesFIPSVectors(message: String, digest: String) {
  #expect(SHA256.hexDigest(of: message) == digest)
}

@Test func sha256OfAMillionAs() {
  var hasher = SHA256()
  let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
  for _ in 0..<1000 { hasher.update(chunk) }
  #expect(SHA256.hex(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
}

@Test func sha256IsTheSameWhateverTheChunking() {
  // 55, 56 and 64 bytes straddle the padding boundaries.
  for length in [55, 56, 63, 64, 65, 119, 120] {
    let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    var split = SHA256()
    split.update(bytes[..<(length / 3)])
    split.update(bytes[(length / 3)...])
    #expect(SHA256.hex(split.finalize()) == SHA256.hexDigest(of: bytes))
  }
}

@Test func sha256GivesOneDigestForArraysSlicesBuffersAndPlainSequences() {
  let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ $0 >> 5) }
  let expected = SHA256.hexDigest(of: bytes)
  // A sequence without contiguous storage goes through the copying path.
  #expect(
    SHA256.hexDigest(of: (0..<10_000).lazy.map { UInt8(truncatingIfNeeded: $0 &* 131 &+ $0 >> 5) })
      == expected)
  #expect(SHA256.hexDigest(of: bytes[...]) == expected)
  var buffered = SHA256()
  bytes.withUnsafeBytes { buffered.update($0) }
  #expect(SHA256.hex(buffered.finalize()) == expected)
  // Pieces of every size from 0 to 200 bytes, so blocks are split at every offset.
  var pieces = SHA256()
  var start = 0
  var size = 0
  while start < bytes.count {
    let end = min(bytes.count, start + size)
    pieces.update(bytes[start..<end])
    start = end
    size = (size + 1) % 201
  }
  #expect(SHA256.hex(pieces.finalize()) == expected)
}

@Test func sha256OfTextIsTheDigestOfItsUTF8() {
  let text = "prénom,✓\n" + String(repeating: "🍑", count: 40)
  #expect(SHA256.hexDigest(of: text) == SHA256.hexDigest(of: Array(text.utf8)))
  var hasher = SHA256()
  hasher.update(text)
  #expect(SHA256.hex(hasher.finalize()) == SHA256.hexDigest(of: Array(text.utf8)))
}
