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
