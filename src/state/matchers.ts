/** A label matcher as Prometheus has them: `=`, `!=`, `=~`, `!~` (regular expressions match the whole value). */
export interface LabelMatcher {
  readonly label: string;
  readonly op: '=' | '!=' | '=~' | '!~';
  readonly value: string;
}

/** A compiled test of a series' labels; a missing label reads as the empty string, as in Prometheus. */
export type LabelPredicate = (labels: Readonly<Record<string, string>>) => boolean;

/** Compiles matchers once (regular expressions anchored), for use on many series. */
export function compileMatchers(matchers: readonly LabelMatcher[]): LabelPredicate {
  const tests = matchers.map((m): LabelPredicate => {
    switch (m.op) {
      case '=': return (l) => (l[m.label] ?? '') === m.value;
      case '!=': return (l) => (l[m.label] ?? '') !== m.value;
      case '=~': { const re = new RegExp(`^(?:${m.value})$`); return (l) => re.test(l[m.label] ?? ''); }
      case '!~': { const re = new RegExp(`^(?:${m.value})$`); return (l) => !re.test(l[m.label] ?? ''); }
    }
  });
  if (tests.length === 0) return () => true;
  return (labels) => tests.every((t) => t(labels));
}
