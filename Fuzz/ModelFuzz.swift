// libFuzzer target: model files (Plum's own format and XGBoost JSON) decoded, encoded again and
// scored. Built by Fuzz/run.sh.
import PlumModels

/// Feature vectors of the model's width, from ordinary to extreme values.
func probes(width: Int) -> [[Double]] {
  [0, 1, -1, 1e300, -1e-300, .nan].map { value in [Double](repeating: value, count: width) }
    + [(0..<width).map { Double($0) * 0.37 - 2 }]
}

func score(_ model: Model) {
  for features in probes(width: model.featureNames.count) {
    switch model {
    case .logistic(let model):
      _ = model.probability(features)
      _ = model.contributions(features)
    case .linear(let model): _ = model.prediction(features)
    case .kMeans(let model): _ = model.assignment(features)
    case .robustZScore(let model): _ = model.score(features)
    case .isolationForest(let model): _ = model.score(features)
    }
  }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModel(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  if let file = try? ModelFile.decode(bytes) {
    let encoded = file.encoded()
    guard let again = try? ModelFile.decode(encoded) else {
      fuzzFailure("an encoded model file does not decode")
    }
    if again != file { fuzzFailure("decoding the encoded model file gives another model") }
    if again.encoded() != encoded { fuzzFailure("encoding is not stable") }
    score(file.model)
  }
  if let ensemble = try? TreeEnsemble.readXGBoostJSON(bytes) {
    for features in probes(width: ensemble.featureNames.count) { _ = ensemble.prediction(features) }
  }
  return 0
}
