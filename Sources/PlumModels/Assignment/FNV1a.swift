/// The 32-bit FNV-1a hash as GrowthBook's SDKs compute it, over UTF-16 code units.
///
/// GrowthBook's reference (JavaScript) SDK feeds `String.charCodeAt` — a UTF-16 code unit — into
/// the xor step, so a character outside the Basic Multilingual Plane contributes two units. Plum does
/// the same, so assignment agrees with that SDK for every string.
public enum FNV1a {
  /// The FNV-1a 32-bit offset basis.
  public static let offsetBasis: UInt32 = 0x811C_9DC5
  /// The FNV-1a 32-bit prime.
  public static let prime: UInt32 = 0x0100_0193

  /// The hash of `text`'s UTF-16 code units.
  public static func hash32(_ text: String) -> UInt32 {
    var value = offsetBasis
    for unit in text.utf16 {
      value ^= UInt32(unit)
      value = value &* prime
    }
    return value
  }
}
