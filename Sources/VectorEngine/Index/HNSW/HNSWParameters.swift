/// The build parameters of an HNSW graph (Malkov & Yashunin; hnswlib's names).
struct HNSWParameters: Hashable, Sendable {
  /// Links kept per node on the upper levels; level 0 keeps ``m0`` = 2·m, as in hnswlib.
  var m: Int
  /// The candidate list size while inserting (hnswlib `ef_construction`); values below `m`
  /// are raised to `m`.
  var efConstruct: Int
  /// Seeds the level draw, so builds with one thread are reproducible.
  var seed: UInt64

  /// The largest `m` a graph may have (the file format allows no more).
  static let maximumM = 1_024

  /// Creates parameters; the defaults are hnswlib's (`M = 16`, `ef_construction = 200`).
  init(m: Int = 16, efConstruct: Int = 200, seed: UInt64 = 100) {
    self.m = m
    self.efConstruct = efConstruct
    self.seed = seed
  }

  /// Links kept per node on level 0.
  var m0: Int { 2 * m }

  /// The candidate list size the build really uses: `max(efConstruct, m)`.
  var effectiveEfConstruct: Int { max(efConstruct, m) }
}
