/// The SHA-256 digest (FIPS 180-4), used to fingerprint training data and feature definitions.
///
/// Feed bytes with `update(_:)` as they stream in, then read `finalize()`; or hash in one call with
/// `SHA256.hexDigest(of:)`. Whole 64-byte blocks are compressed straight from the caller's
/// contiguous bytes; only a block split across two updates is copied.
public struct SHA256: Sendable {
  private static let roundConstants: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4,
    0xab1c_5ed5, 0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe,
    0x9bdc_06a7, 0xc19b_f174, 0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f,
    0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da, 0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7,
    0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967, 0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc,
    0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85, 0xa2bf_e8a1, 0xa81a_664b,
    0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070, 0x19a4_c116,
    0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7,
    0xc671_78f2,
  ]

  /// The eight chaining words.
  private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab,
    0x5be0_cd19
  )
  /// The bytes of a block not yet complete, fewer than 64.
  private var pending: [UInt8] = []
  private var byteCount: UInt64 = 0

  /// Creates an empty hasher.
  public init() {
    pending.reserveCapacity(64)
  }

  /// Adds `bytes` to the message; contiguous collections (arrays, slices, `String.UTF8View`) are
  /// hashed in place, others are copied a block at a time.
  public mutating func update<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
    let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
      update(UnsafeRawBufferPointer(buffer))
    }
    if done != nil { return }
    var chunk: [UInt8] = []
    chunk.reserveCapacity(4096)
    for byte in bytes {
      chunk.append(byte)
      if chunk.count == 4096 {
        chunk.withUnsafeBytes { update($0) }
        chunk.removeAll(keepingCapacity: true)
      }
    }
    chunk.withUnsafeBytes { update($0) }
  }

  /// Adds the UTF-8 bytes of `text` to the message.
  public mutating func update(_ text: String) {
    var text = text
    text.withUTF8 { update(UnsafeRawBufferPointer($0)) }
  }

  /// Adds the bytes of `buffer` to the message.
  public mutating func update(_ buffer: UnsafeRawBufferPointer) {
    guard var base = buffer.baseAddress, buffer.count > 0 else { return }
    var remaining = buffer.count
    byteCount &+= UInt64(remaining)
    if !pending.isEmpty {
      let taken = min(64 - pending.count, remaining)
      pending.append(contentsOf: UnsafeRawBufferPointer(start: base, count: taken))
      base += taken
      remaining -= taken
      guard pending.count == 64 else { return }
      pending.withUnsafeBytes { block in
        guard let block = block.baseAddress else { return }
        compress(block, blocks: 1)
      }
      pending.removeAll(keepingCapacity: true)
    }
    let blocks = remaining / 64
    if blocks > 0 {
      compress(base, blocks: blocks)
      base += blocks * 64
      remaining -= blocks * 64
    }
    if remaining > 0 { pending.append(contentsOf: UnsafeRawBufferPointer(start: base, count: remaining)) }
  }

  /// Pads the message and returns the 32-byte digest; the hasher should not be used afterwards.
  public mutating func finalize() -> [UInt8] {
    let bitLength = byteCount &* 8
    var tail = pending
    tail.append(0x80)
    while tail.count % 64 != 56 { tail.append(0) }
    for shift in stride(from: 56, through: 0, by: -8) {
      tail.append(UInt8(truncatingIfNeeded: bitLength >> shift))
    }
    tail.withUnsafeBytes { block in
      guard let block = block.baseAddress else { return }
      compress(block, blocks: tail.count / 64)
    }
    pending.removeAll()
    let words = [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7]
    var digest: [UInt8] = []
    digest.reserveCapacity(32)
    for word in words {
      for shift in stride(from: 24, through: 0, by: -8) {
        digest.append(UInt8(truncatingIfNeeded: word >> shift))
      }
    }
    return digest
  }

  /// The digest of `bytes` as 64 lower-case hexadecimal characters.
  public static func hexDigest<Bytes: Sequence<UInt8>>(of bytes: Bytes) -> String {
    var hasher = SHA256()
    hasher.update(bytes)
    return hex(hasher.finalize())
  }

  /// The digest of the UTF-8 bytes of `text` as 64 lower-case hexadecimal characters.
  public static func hexDigest(of text: String) -> String {
    var hasher = SHA256()
    hasher.update(text)
    return hex(hasher.finalize())
  }

  /// Lower-case hexadecimal text for `bytes`.
  public static func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    text.reserveCapacity(bytes.count * 2)
    for byte in bytes {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: text, as: UTF8.self)
  }

  /// Compresses `blocks` consecutive 64-byte blocks starting at `data` into the state.
  ///
  /// The 64 rounds are written out, each with the working variables in rotated roles, and the
  /// message schedule is kept as a rolling window of 16 words, so everything stays in registers.
  private mutating func compress(_ data: UnsafeRawPointer, blocks: Int) {
    var (h0, h1, h2, h3, h4, h5, h6, h7) = state
    Self.roundConstants.withUnsafeBufferPointer { constants in
      guard let k = constants.baseAddress else { return }
      for block in 0..<blocks {
        let bytes = data + block &* 64
        var w0 = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
        var w1 = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
        var w2 = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
        var w3 = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
        var w4 = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
        var w5 = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 20, as: UInt32.self))
        var w6 = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 24, as: UInt32.self))
        var w7 = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 28, as: UInt32.self))
        var w8 = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 32, as: UInt32.self))
        var w9 = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 36, as: UInt32.self))
        var w10 = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 40, as: UInt32.self))
        var w11 = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 44, as: UInt32.self))
        var w12 = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 48, as: UInt32.self))
        var w13 = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 52, as: UInt32.self))
        var w14 = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 56, as: UInt32.self))
        var w15 = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 60, as: UInt32.self))
        var a = h0
        var b = h1
        var c = h2
        var d = h3
        var e = h4
        var f = h5
        var g = h6
        var h = h7
        round(a, b, c, &d, e, f, g, &h, k[0] &+ w0)
        round(h, a, b, &c, d, e, f, &g, k[1] &+ w1)
        round(g, h, a, &b, c, d, e, &f, k[2] &+ w2)
        round(f, g, h, &a, b, c, d, &e, k[3] &+ w3)
        round(e, f, g, &h, a, b, c, &d, k[4] &+ w4)
        round(d, e, f, &g, h, a, b, &c, k[5] &+ w5)
        round(c, d, e, &f, g, h, a, &b, k[6] &+ w6)
        round(b, c, d, &e, f, g, h, &a, k[7] &+ w7)
        round(a, b, c, &d, e, f, g, &h, k[8] &+ w8)
        round(h, a, b, &c, d, e, f, &g, k[9] &+ w9)
        round(g, h, a, &b, c, d, e, &f, k[10] &+ w10)
        round(f, g, h, &a, b, c, d, &e, k[11] &+ w11)
        round(e, f, g, &h, a, b, c, &d, k[12] &+ w12)
        round(d, e, f, &g, h, a, b, &c, k[13] &+ w13)
        round(c, d, e, &f, g, h, a, &b, k[14] &+ w14)
        round(b, c, d, &e, f, g, h, &a, k[15] &+ w15)
        w0 = w0 &+ sigma0(w1) &+ w9 &+ sigma1(w14)
        round(a, b, c, &d, e, f, g, &h, k[16] &+ w0)
        w1 = w1 &+ sigma0(w2) &+ w10 &+ sigma1(w15)
        round(h, a, b, &c, d, e, f, &g, k[17] &+ w1)
        w2 = w2 &+ sigma0(w3) &+ w11 &+ sigma1(w0)
        round(g, h, a, &b, c, d, e, &f, k[18] &+ w2)
        w3 = w3 &+ sigma0(w4) &+ w12 &+ sigma1(w1)
        round(f, g, h, &a, b, c, d, &e, k[19] &+ w3)
        w4 = w4 &+ sigma0(w5) &+ w13 &+ sigma1(w2)
        round(e, f, g, &h, a, b, c, &d, k[20] &+ w4)
        w5 = w5 &+ sigma0(w6) &+ w14 &+ sigma1(w3)
        round(d, e, f, &g, h, a, b, &c, k[21] &+ w5)
        w6 = w6 &+ sigma0(w7) &+ w15 &+ sigma1(w4)
        round(c, d, e, &f, g, h, a, &b, k[22] &+ w6)
        w7 = w7 &+ sigma0(w8) &+ w0 &+ sigma1(w5)
        round(b, c, d, &e, f, g, h, &a, k[23] &+ w7)
        w8 = w8 &+ sigma0(w9) &+ w1 &+ sigma1(w6)
        round(a, b, c, &d, e, f, g, &h, k[24] &+ w8)
        w9 = w9 &+ sigma0(w10) &+ w2 &+ sigma1(w7)
        round(h, a, b, &c, d, e, f, &g, k[25] &+ w9)
        w10 = w10 &+ sigma0(w11) &+ w3 &+ sigma1(w8)
        round(g, h, a, &b, c, d, e, &f, k[26] &+ w10)
        w11 = w11 &+ sigma0(w12) &+ w4 &+ sigma1(w9)
        round(f, g, h, &a, b, c, d, &e, k[27] &+ w11)
        w12 = w12 &+ sigma0(w13) &+ w5 &+ sigma1(w10)
        round(e, f, g, &h, a, b, c, &d, k[28] &+ w12)
        w13 = w13 &+ sigma0(w14) &+ w6 &+ sigma1(w11)
        round(d, e, f, &g, h, a, b, &c, k[29] &+ w13)
        w14 = w14 &+ sigma0(w15) &+ w7 &+ sigma1(w12)
        round(c, d, e, &f, g, h, a, &b, k[30] &+ w14)
        w15 = w15 &+ sigma0(w0) &+ w8 &+ sigma1(w13)
        round(b, c, d, &e, f, g, h, &a, k[31] &+ w15)
        w0 = w0 &+ sigma0(w1) &+ w9 &+ sigma1(w14)
        round(a, b, c, &d, e, f, g, &h, k[32] &+ w0)
        w1 = w1 &+ sigma0(w2) &+ w10 &+ sigma1(w15)
        round(h, a, b, &c, d, e, f, &g, k[33] &+ w1)
        w2 = w2 &+ sigma0(w3) &+ w11 &+ sigma1(w0)
        round(g, h, a, &b, c, d, e, &f, k[34] &+ w2)
        w3 = w3 &+ sigma0(w4) &+ w12 &+ sigma1(w1)
        round(f, g, h, &a, b, c, d, &e, k[35] &+ w3)
        w4 = w4 &+ sigma0(w5) &+ w13 &+ sigma1(w2)
        round(e, f, g, &h, a, b, c, &d, k[36] &+ w4)
        w5 = w5 &+ sigma0(w6) &+ w14 &+ sigma1(w3)
        round(d, e, f, &g, h, a, b, &c, k[37] &+ w5)
        w6 = w6 &+ sigma0(w7) &+ w15 &+ sigma1(w4)
        round(c, d, e, &f, g, h, a, &b, k[38] &+ w6)
        w7 = w7 &+ sigma0(w8) &+ w0 &+ sigma1(w5)
        round(b, c, d, &e, f, g, h, &a, k[39] &+ w7)
        w8 = w8 &+ sigma0(w9) &+ w1 &+ sigma1(w6)
        round(a, b, c, &d, e, f, g, &h, k[40] &+ w8)
        w9 = w9 &+ sigma0(w10) &+ w2 &+ sigma1(w7)
        round(h, a, b, &c, d, e, f, &g, k[41] &+ w9)
        w10 = w10 &+ sigma0(w11) &+ w3 &+ sigma1(w8)
        round(g, h, a, &b, c, d, e, &f, k[42] &+ w10)
        w11 = w11 &+ sigma0(w12) &+ w4 &+ sigma1(w9)
        round(f, g, h, &a, b, c, d, &e, k[43] &+ w11)
        w12 = w12 &+ sigma0(w13) &+ w5 &+ sigma1(w10)
        round(e, f, g, &h, a, b, c, &d, k[44] &+ w12)
        w13 = w13 &+ sigma0(w14) &+ w6 &+ sigma1(w11)
        round(d, e, f, &g, h, a, b, &c, k[45] &+ w13)
        w14 = w14 &+ sigma0(w15) &+ w7 &+ sigma1(w12)
        round(c, d, e, &f, g, h, a, &b, k[46] &+ w14)
        w15 = w15 &+ sigma0(w0) &+ w8 &+ sigma1(w13)
        round(b, c, d, &e, f, g, h, &a, k[47] &+ w15)
        w0 = w0 &+ sigma0(w1) &+ w9 &+ sigma1(w14)
        round(a, b, c, &d, e, f, g, &h, k[48] &+ w0)
        w1 = w1 &+ sigma0(w2) &+ w10 &+ sigma1(w15)
        round(h, a, b, &c, d, e, f, &g, k[49] &+ w1)
        w2 = w2 &+ sigma0(w3) &+ w11 &+ sigma1(w0)
        round(g, h, a, &b, c, d, e, &f, k[50] &+ w2)
        w3 = w3 &+ sigma0(w4) &+ w12 &+ sigma1(w1)
        round(f, g, h, &a, b, c, d, &e, k[51] &+ w3)
        w4 = w4 &+ sigma0(w5) &+ w13 &+ sigma1(w2)
        round(e, f, g, &h, a, b, c, &d, k[52] &+ w4)
        w5 = w5 &+ sigma0(w6) &+ w14 &+ sigma1(w3)
        round(d, e, f, &g, h, a, b, &c, k[53] &+ w5)
        w6 = w6 &+ sigma0(w7) &+ w15 &+ sigma1(w4)
        round(c, d, e, &f, g, h, a, &b, k[54] &+ w6)
        w7 = w7 &+ sigma0(w8) &+ w0 &+ sigma1(w5)
        round(b, c, d, &e, f, g, h, &a, k[55] &+ w7)
        w8 = w8 &+ sigma0(w9) &+ w1 &+ sigma1(w6)
        round(a, b, c, &d, e, f, g, &h, k[56] &+ w8)
        w9 = w9 &+ sigma0(w10) &+ w2 &+ sigma1(w7)
        round(h, a, b, &c, d, e, f, &g, k[57] &+ w9)
        w10 = w10 &+ sigma0(w11) &+ w3 &+ sigma1(w8)
        round(g, h, a, &b, c, d, e, &f, k[58] &+ w10)
        w11 = w11 &+ sigma0(w12) &+ w4 &+ sigma1(w9)
        round(f, g, h, &a, b, c, d, &e, k[59] &+ w11)
        w12 = w12 &+ sigma0(w13) &+ w5 &+ sigma1(w10)
        round(e, f, g, &h, a, b, c, &d, k[60] &+ w12)
        w13 = w13 &+ sigma0(w14) &+ w6 &+ sigma1(w11)
        round(d, e, f, &g, h, a, b, &c, k[61] &+ w13)
        w14 = w14 &+ sigma0(w15) &+ w7 &+ sigma1(w12)
        round(c, d, e, &f, g, h, a, &b, k[62] &+ w14)
        w15 = w15 &+ sigma0(w0) &+ w8 &+ sigma1(w13)
        round(b, c, d, &e, f, g, h, &a, k[63] &+ w15)
        h0 &+= a
        h1 &+= b
        h2 &+= c
        h3 &+= d
        h4 &+= e
        h5 &+= f
        h6 &+= g
        h7 &+= h
      }
    }
    state = (h0, h1, h2, h3, h4, h5, h6, h7)
  }
}

/// One SHA-256 round: `kw` is the round constant plus the schedule word; the caller passes the
/// working variables in the roles of this round, so only `d` and `h` change.
@inline(__always)
private func round(
  _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32, _ e: UInt32, _ f: UInt32, _ g: UInt32,
  _ h: inout UInt32, _ kw: UInt32
) {
  let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
  let choice = g ^ (e & (f ^ g))
  let temp1 = h &+ s1 &+ choice &+ kw
  let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
  let majority = (a & b) | (c & (a | b))
  d &+= temp1
  h = temp1 &+ s0 &+ majority
}

/// The schedule's small sigma 0.
@inline(__always)
private func sigma0(_ x: UInt32) -> UInt32 { rotr(x, 7) ^ rotr(x, 18) ^ (x &>> 3) }

/// The schedule's small sigma 1.
@inline(__always)
private func sigma1(_ x: UInt32) -> UInt32 { rotr(x, 17) ^ rotr(x, 19) ^ (x &>> 10) }

/// `value` rotated right by `count` bits.
@inline(__always)
private func rotr(_ value: UInt32, _ count: UInt32) -> UInt32 {
  (value &>> count) | (value &<< (32 &- count))
}
