/// Where a lowered expression's value is: its register(s) and, for optional values, a presence flag.
struct Operand {
  /// The value's register(s).
  var slot: Slot
  /// The int register that is 1 when the value is present; nil when it always is.
  var presence: Register?

  init(_ slot: Slot, presence: Register? = nil) {
    self.slot = slot
    self.presence = presence
  }

  /// The register of a single-register value (a reward's kind register for rewards).
  var register: Register {
    switch slot {
    case .int(let r), .float(let r), .string(let r), .list(let r, _): r
    case .reward(let slots): slots.kind
    }
  }
}

/// The register(s) holding one value.
enum Slot {
  case int(Register)
  case float(Register)
  case string(Register)
  case list(Register, ListKind)
  case reward(RewardSlots)
}

/// The file a value of a type lives in.
enum SlotKind: Equatable {
  case int, float, string, reward
  case list(ListKind)
}
