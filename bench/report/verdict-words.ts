/** A stored verdict with its mark for text reports; a verdict this build does not know is printed as stored. */
export function verdictLabel(verdict: string): string {
  const mark = VERDICT_MARKS[verdict];
  return mark ? `${mark} ${verdict.replaceAll('-', ' ')}` : verdict;
}

/** The CSS class of a verdict in report.html: good, bad or neutral. */
export function verdictTone(verdict: string): 'good' | 'bad' | 'neutral' {
  return verdict === 'faster' ? 'good' : verdict === 'slower' || verdict === 'failed' ? 'bad' : 'neutral';
}

const VERDICT_MARKS: Record<string, string> = { faster: '✅', slower: '❌', failed: '❌', 'no-difference-shown': '≈', 'no-verdict': '—' };
