import PlumDiagnostics
import PlumSyntax
import Testing

@testable import PlumChecker

/// The shape of the resolved, typed tree the back end consumes.
@Suite struct TypedTreeTests {
  private func field(_ path: String) throws -> Int {
    let policy = try #require(checkSource(standardPreamble).result.policy)
    return try #require(policy.input.index(ofPath: path))
  }

  @Test func schemaIsFlattenedWithDenseIndexesAndAttributes() throws {
    let policy = try #require(checkSource(standardPreamble).result.policy)
    let schema = policy.input
    #expect(schema.name.name == "participant")
    #expect(schema.fields.map(\.path).suffix(2) == ["consent.marketing", "consent.profiling"])
    #expect(schema.fields.count == 13)
    #expect(schema.keyField == 0)
    #expect(schema.fields[try field("gender")].attributes.isProtected)
    #expect(schema.fields[try field("last_order")].type == .optional(.date))
    #expect(schema.fields[try field("spend")].type == .money(currency: "EUR"))
    let attributes = try #require(
      checkSource(
        "input p {\n id: string key\n email: string pii\n dob: date? purpose ads\n consent { ads: bool }\n}\n"
      ).result.policy
    ).input.fields.map(\.attributes)
    #expect(attributes[1].isPII)
    #expect(attributes[2].purpose?.name == "ads")
  }

  @Test func fieldsResolveToIndexes() throws {
    let value = try #require(probe("participant.consent.marketing"))
    #expect(value.kind == .field(try field("consent.marketing")))
  }

  @Test func intOperandsAreConvertedExplicitly() throws {
    let value = try #require(probe("1 + 2.5"))
    guard case .binary(.add(.float), let lhs, let rhs) = value.kind else {
      Issue.record("unexpected \(value.kind)")
      return
    }
    #expect(lhs.kind == .intToFloat(TypedExpression(.int(1), .int, lhs.range)))
    #expect(rhs.kind == .float(2.5))
  }

  @Test func moneyIsAlwaysTheLeftOperandOfScaling() throws {
    let value = try #require(probe("2 * participant.spend"))
    guard case .binary(.multiply(.moneyByInt), let lhs, let rhs) = value.kind else {
      Issue.record("unexpected \(value.kind)")
      return
    }
    #expect(lhs.kind == .field(try field("spend")))
    #expect(rhs.kind == .int(2))
  }

  @Test func comparisonsNameTheirOperandType() throws {
    let value = try #require(probe("participant.age < 3.5"))
    guard case .binary(.compare(.less, .float), let lhs, _) = value.kind else {
      Issue.record("unexpected \(value.kind)")
      return
    }
    #expect(lhs.kind == .intToFloat(TypedExpression(.field(try field("age")), .int, lhs.range)))
    let dates = try #require(probe("participant.joined - 2026-01-01"))
    guard case .binary(.subtract(.dateDifference), _, _) = dates.kind else {
      Issue.record("unexpected \(dates.kind)")
      return
    }
  }

  @Test func bareCasesResolveToIndexes() throws {
    let value = try #require(probe("participant.tier in [gold, silver]"))
    guard case .binary(.membership(negated: false, .enumeration), _, let list) = value.kind,
      case .list(let items) = list.kind
    else {
      Issue.record("unexpected \(value.kind)")
      return
    }
    let tier = EnumType(name: "tier", cases: ["bronze", "silver", "gold"])
    #expect(items.map(\.kind) == [.enumCase(tier, 2), .enumCase(tier, 1)])
  }

  @Test func callsUseTheBuiltinEnum() throws {
    let value = try #require(probe("days_since(participant.last_order) ?? 999"))
    guard case .binary(.coalesce, let call, let fallback) = value.kind else {
      Issue.record("unexpected \(value.kind)")
      return
    }
    #expect(call.type == .optional(.int))
    guard case .call(.daysSince, let arguments) = call.kind else {
      Issue.record("unexpected \(call.kind)")
      return
    }
    #expect(arguments.map(\.kind) == [.field(try field("last_order"))])
    #expect(fallback.kind == .int(999))
  }

  @Test func interpolationsKeepTheirFormats() throws {
    let value = try #require(
      probe("\"{participant.score:.1%} and {participant.spend:.2} or {participant.age:%}\""))
    guard case .interpolation(let segments) = value.kind else {
      Issue.record("unexpected \(value.kind)")
      return
    }
    let formats = segments.compactMap { segment -> FormatSpecifier?? in
      if case .value(_, let format) = segment { return format }
      return nil
    }
    #expect(formats == [.percent(decimals: 1), .decimals(2), .percent(decimals: 0)])
  }

  @Test func percentLiteralsAreFractions() throws {
    #expect(try #require(probe("15%")).kind == .float(0.15))
  }

  @Test func evaluationOrderPutsDependenciesFirst() throws {
    let checked = checkSource(
      standardPreamble + """
        rule b = a > 1 and m > 0.5
        let a = c + 1
        model m = linear("m.json") { inputs { x: c } }
        let c = 2

        """)
    #expect(checked.allDiagnostics.isEmpty, "\(checked.rendered)")
    let policy = try #require(checked.result.policy)
    let order = policy.evaluationOrder
    let position = { (reference: DeclarationReference) in order.firstIndex(of: reference) ?? -1 }
    #expect(order.count == 4)
    #expect(position(.let(1)) < position(.let(0)))
    #expect(position(.let(1)) < position(.model(0)))
    #expect(position(.let(0)) < position(.rule(0)))
    #expect(position(.model(0)) < position(.rule(0)))
  }

  @Test func rewardsSelectBudgetAndConstraintsAreTyped() throws {
    let checked = checkSource(
      standardPreamble + """
        reward bonus {
          requires consent.marketing
          when participant.age > 18
          give points(10)
          value 2.50 EUR
          priority 3
          because "age {participant.age}"
        }
        select best by priority, max 2
        budget 1_000 EUR per run
        points worth 0.01 EUR
        constraint fair: disparate_impact(rewarded, by: participant.gender) >= 0.8

        """)
    #expect(checked.allDiagnostics.isEmpty, "\(checked.rendered)")
    let policy = try #require(checked.result.policy)
    let reward = try #require(policy.rewards.first)
    #expect(reward.requires.map(\.kind) == [.field(try field("consent.marketing"))])
    #expect(reward.when?.type == .bool)
    #expect(reward.give.map { if case .call(.points, _) = $0.kind { true } else { false } } == true)
    #expect(reward.value?.type == .money(currency: "EUR"))
    #expect(reward.priority?.kind == .int(3))
    #expect(reward.because?.type == .string)
    #expect(policy.select == .bestByPriority(max: 2))
    #expect(policy.budget?.amount.kind == .money(MoneyLiteral(units: 1000, scale: 0, currency: "EUR")))
    guard case .binary(.compare(.greaterEqual, .float), let call, _) = policy.constraints[0].condition.kind,
      case .call(.disparateImpact, let arguments) = call.kind
    else {
      Issue.record("unexpected \(policy.constraints[0].condition.kind)")
      return
    }
    #expect(arguments.map(\.kind) == [.rewarded, .field(try field("gender"))])
  }

  @Test func testsRecordValuesByFieldAndExpectations() throws {
    let checked = checkSource(
      standardPreamble + """
        reward bonus {
          when true
          give points(1)
        }
        let doubled = participant.score * 2.0
        test "t" {
          given participant {
            id: "a", age: 3, score: 1, spend: 2 EUR, country: "FR", tier: gold, joined: 2026-01-02,
            gender: "f", consent { marketing: true, profiling: false }
          }
          expect rewards == [bonus]
          expect bonus in rewards
          expect not bonus
          expect doubled == 2.0 within 0.01
          expect reason contains "age"
          expect error P0601
        }

        """)
    #expect(checked.allDiagnostics.isEmpty, "\(checked.rendered)")
    let test = try #require(checked.result.policy?.tests.first)
    guard case .record(let values) = test.given else {
      Issue.record("no record")
      return
    }
    let score = try #require(values.first { $0.field == (try? field("score")) })
    #expect(score.value.kind == .intToFloat(TypedExpression(.int(1), .int, score.value.range)))
    let tier = try #require(values.first { $0.field == (try? field("tier")) })
    #expect(tier.value.kind == .enumCase(EnumType(name: "tier", cases: ["bronze", "silver", "gold"]), 2))
    #expect(test.expectations.count == 6)
    guard case .holds(let equality) = test.expectations[0].kind,
      case .binary(.compare(.equal, .rewardSet), let lhs, _) = equality.kind
    else {
      Issue.record("unexpected \(test.expectations[0].kind)")
      return
    }
    #expect(lhs.kind == .rewards)
    guard case .holds(let negation) = test.expectations[2].kind, case .not(let granted) = negation.kind else {
      Issue.record("unexpected \(test.expectations[2].kind)")
      return
    }
    #expect(granted.kind == .rewardGranted(0))
    guard case .approximately = test.expectations[3].kind else {
      Issue.record("unexpected \(test.expectations[3].kind)")
      return
    }
    guard case .contains(let reason, _) = test.expectations[4].kind else {
      Issue.record("unexpected \(test.expectations[4].kind)")
      return
    }
    #expect(reason.kind == .reason)
    #expect(test.expectations[5].kind == .error(code: "P0601"))
  }

  @Test func handBuiltTreeChecksWithoutTheParser() throws {
    let source = SourceFile(name: "hand.plum", text: String(repeating: " ", count: 40))
    let r = SourceRange(start: 0, end: 1)
    let input = InputDecl(
      name: Identifier("member", r),
      fields: [
        FieldDecl(
          name: Identifier("age", r), kind: .value(TypeSyntax(.name(Identifier("int", r)), r), []), doc: nil,
          range: r)
      ],
      doc: nil, range: r)
    let age = Expression(.member(Expression(.name("member"), r), Identifier("age", r)), r)
    let rule = RuleDecl(
      name: Identifier("adult", r),
      condition: Expression(.binary(.greaterEqual, age, Expression(.int(18), r)), r),
      doc: nil, range: r)
    let result = Checker.check(PolicyFile(declarations: [.input(input), .rule(rule)]), source: source)
    #expect(result.diagnostics.isEmpty)
    let condition = try #require(result.policy?.rules.first?.condition)
    #expect(
      condition.kind
        == .binary(
          .compare(.greaterEqual, .int), TypedExpression(.field(0), .int, r),
          TypedExpression(.int(18), .int, r)))
  }

  @Test func noInputMeansNoPolicy() {
    let source = SourceFile(name: "empty.plum", text: "")
    let result = Checker.check(PolicyFile(declarations: []), source: source)
    #expect(result.policy == nil)
    #expect(result.diagnostics.map(\.code) == [CheckerDiagnostics.missingInput])
  }
}
