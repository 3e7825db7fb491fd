/// What the machine recorded while deciding one record with a program lowered with tracing: each
/// reward's conditions in the order they ran, the rules and models computed, and the selection.
///
/// The trace is read from registers that only traced programs have, after the record ran; a plain
/// program records nothing and pays nothing. Every value here is one the machine computed for the
/// decision itself.
public struct DecisionTrace: Sendable {
  /// One reward's evaluation.
  public struct Reward: Sendable {
    /// How the reward's evaluation ended.
    public enum Outcome: Hashable, Sendable {
      /// Every condition held and `give`, `value` and `priority` were computed.
      case eligible
      /// The condition at this index was false.
      case failed(condition: Int)
      /// Model `model` (an index in `Program.models`) needed a consent the record lacks.
      case blocked(model: Int)
      /// The record's runtime error stopped it here.
      case fault
      /// An earlier reward's runtime error stopped the record first.
      case notEvaluated
    }

    /// The reward's index in `Program.rewards`.
    public var index: Int
    /// The reward's name.
    public var name: String
    /// How evaluation ended.
    public var outcome: Outcome
    /// Each condition's value (`requires`, then `when` split at its top-level `and`s); nil when it
    /// was not evaluated, including the one evaluation stopped in.
    public var conditions: [Bool?]
    /// What `give` constructed, when eligible.
    public var gift: Decision.Gift?
    /// The `value` amount in minor units, when eligible and written.
    public var value: Int64?
    /// The priority (0 when not written), when eligible.
    public var priority: Int64
    /// Whether the selection gave it.
    public var isGiven: Bool

    /// Whether every condition held.
    public var isEligible: Bool { outcome == .eligible }

    /// The position of the condition evaluation stopped in (for a reward blocked by consent or
    /// stopped by an error), if any.
    public var stoppedCondition: Int? {
      switch outcome {
      case .blocked, .fault: conditions.firstIndex { $0 == nil }
      default: nil
      }
    }
  }

  /// A rule's value, when the decision computed it.
  public struct Rule: Hashable, Sendable {
    /// The rule's name.
    public var name: String
    /// Its value; nil when the decision did not need it.
    public var value: Bool?
  }

  /// A model's score, when the decision computed it.
  public struct Model: Sendable {
    /// What became of the model.
    public enum Outcome: Sendable {
      /// Scored: a float score.
      case score(Double)
      /// Assigned to a k-means segment.
      case segment(Int64)
      /// Not evaluated: the record lacks the model's consent.
      case noConsent
      /// Not evaluated: no condition the decision ran needed it.
      case notNeeded
    }

    /// The model's index in `Program.models`.
    public var index: Int
    /// The model's name.
    public var name: String
    /// What became of it.
    public var outcome: Outcome
    /// The features it was scored on, in the model file's order (empty when not evaluated).
    public var features: [Double]
  }

  /// The selection step: which eligible rewards the policy's `select` gave.
  public struct SelectionStep: Hashable, Sendable {
    /// The policy's selection.
    public var selection: Selection
    /// The eligible rewards, in declaration order.
    public var eligible: [Int]
    /// The rewards given, in output order.
    public var given: [Int]
  }

  /// Every reward, in declaration order.
  public var rewards: [Reward]
  /// Every rule the program kept, in declaration order.
  public var rules: [Rule]
  /// Every model the program loaded.
  public var models: [Model]
  /// The selection; its `given` is empty when the record failed.
  public var selection: SelectionStep
}
