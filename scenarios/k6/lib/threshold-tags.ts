/**
 * Catches, before any load, a threshold whose tag filter no sample of the script can carry
 * (`{scenario:mesure}`, `{nmae:…}`, `{url:…}` while `url` is not collected): k6 would pass it
 * without checking anything (grafana/k6#1526) and exit 0. Plain TS: loaded by k6 and by Node.
 */

/** Per tag the values a sample can carry: a list, a pattern, or null for any value. */
export type TagVocabulary = Record<string, readonly string[] | RegExp | null>;

/** `metric{a:b,c:d}` → `{a: 'b', c: 'd'}` (k6 splits on the first `:` of each comma-separated pair). */
export function thresholdTags(key: string): Record<string, string> {
  const open = key.indexOf('{');
  if (open < 0 || !key.endsWith('}')) return {};
  const tags: Record<string, string> = {};
  for (const pair of key.slice(open + 1, -1).split(',')) {
    const colon = pair.indexOf(':');
    const name = (colon < 0 ? pair : pair.slice(0, colon)).trim();
    if (name) tags[name] = colon < 0 ? '' : pair.slice(colon + 1).trim().replace(/^["'](.*)["']$/, '$1');
  }
  return tags;
}

/** One line per threshold key that can match no sample, saying which tag and what it can be. */
export function unmatchableThresholds(keys: readonly string[], vocabulary: TagVocabulary): string[] {
  const problems: string[] = [];
  for (const key of keys) {
    for (const [tag, value] of Object.entries(thresholdTags(key))) {
      if (!(tag in vocabulary)) {
        problems.push(`${key}: no sample carries tag '${tag}' (tags: ${Object.keys(vocabulary).join(', ')})`);
        continue;
      }
      const allowed = vocabulary[tag];
      if (allowed instanceof RegExp ? !allowed.test(value) : allowed && !allowed.includes(value)) {
        const known = allowed instanceof RegExp ? `values matching ${allowed}` : allowed.map((v) => `'${v}'`).join(', ');
        problems.push(`${key}: '${tag}' is one of ${known} (got '${value}')`);
      }
    }
  }
  return problems;
}

/** Throws one message listing every unmatchable threshold; the run never starts. */
export function assertThresholdsCanMatch(keys: readonly string[], vocabulary: TagVocabulary): void {
  const problems = unmatchableThresholds(keys, vocabulary);
  if (problems.length === 0) return;
  throw new Error(`threshold(s) that would have matched no samples, so k6 would pass them without checking anything (grafana/k6#1526): ${problems.join('; ')}`);
}
