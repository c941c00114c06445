/**
 * The types of `reports/<run-id>/results.json`, inferred from its one definition,
 * the zod schema in results-schema.ts (which also generates results.schema.json).
 * Re-exported here so code that only needs the types imports no zod.
 */
export { RESULTS_SCHEMA_VERSION } from './results-schema.ts';
export type {
  CalibrationRun,
  ComparisonSummary,
  DatasetInfo,
  DriverName,
  Floor,
  HostInfo,
  LatencyMs,
  LoadModel,
  MicroPairResult,
  MicroSection,
  MicroTaskResult,
  PercentilePoint,
  RatioEstimate,
  Results,
  RunInfo,
  ScenarioRun,
  ThresholdResult,
  Variant,
  VariantAggregate,
  VariantOutcomes,
  Verdict,
} from './results-schema.ts';
