import PlumRuntime
import Testing

/// The instruction set is one table: each opcode's mnemonic and operands print it, relocate it and
/// decide whether it branches, so the table itself must be well formed.
@Suite struct InstructionTableTests {
  @Test func everyOpcodePrintsDistinctly() {
    var seen: [String: Opcode] = [:]
    for opcode in Opcode.allCases {
      #expect(!opcode.mnemonic.isEmpty, "\(opcode) has no mnemonic")
      let signature = opcode.mnemonic + " " + opcode.operands.map { "\($0.role)" }.joined(separator: ",")
      if let other = seen[signature] { Issue.record("\(opcode) prints as \(other) does: \(signature)") }
      seen[signature] = opcode
    }
  }

  @Test func operandsNameEachFieldOnce() {
    for opcode in Opcode.allCases {
      let fields = opcode.operands.compactMap(\.field)
      #expect(Set(fields).count == fields.count, "\(opcode) names a field twice")
      #expect(!fields.contains(.c), "\(opcode) shows its error site as an operand")
    }
  }

  @Test func onlyJumpsBranch() {
    for opcode in Opcode.allCases {
      #expect(opcode.branches == opcode.mnemonic.hasPrefix("jump"), "\(opcode)")
    }
  }

  @Test func relocationMovesExactlyTheAddresses() {
    for opcode in Opcode.allCases {
      let instruction = Instruction(opcode, d: 1, a: 2, b: 3, c: 4, imm: 5)
      let moved = instruction.relocated { $0 + 100 }
      for field in [OperandLayout.Field.d, .a, .b, .c, .imm] {
        let isAddress = opcode.operands.contains { $0.field == field && $0.role == .address }
        #expect(moved[field] == instruction[field] + (isAddress ? 100 : 0), "\(opcode) field \(field)")
      }
    }
  }
}
