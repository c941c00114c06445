/**
 * Word-wraps `text` to `width` columns: the first line starts with `firstPrefix`, the
 * others with `indent` (a hanging indent). A word longer than a line is cut, so no line
 * ever exceeds `width`; no line ends in a space.
 */
export function wrapText(text: string, width: number, indent = '', firstPrefix = indent): string[] {
  const lines: string[] = [];
  let line = firstPrefix;
  let prefixLength = firstPrefix.length;
  const push = () => {
    lines.push(line.trimEnd());
    line = indent;
    prefixLength = indent.length;
  };
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let rest = word;
    while (rest.length > 0) {
      const atStart = line.length === prefixLength;
      const room = width - line.length - (atStart ? 0 : 1);
      if (rest.length <= room) {
        line += `${atStart ? '' : ' '}${rest}`;
        rest = '';
      } else if (atStart) {
        line += rest.slice(0, Math.max(1, room));
        rest = rest.slice(Math.max(1, room));
        push();
      } else {
        push();
      }
    }
  }
  if (line.length > prefixLength || lines.length === 0) push();
  return lines;
}
