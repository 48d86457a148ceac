/**
 * A structural check of RegExp sources for costs that grow faster than the
 * text (catastrophic backtracking), for the patterns the scanner writes.
 *
 * A backtracking engine is linear in the text when no quantified group exists
 * (so no nested quantifiers, and no optional group that can also match what
 * its neighbour matches), no two quantified atoms stand side by side (with
 * only zero-width assertions between them, `\s+\s+` splits a run of spaces
 * in n ways), and no alternative starts with a quantified atom (a global scan
 * would re-read a whole run of spaces from each of its positions). Returns
 * what breaks these rules, empty when none does.
 */

interface Atom {
  kind: 'char' | 'class' | 'group' | 'assertion';
  quantified: boolean;
}

export function regexpShapeProblems(source: string): string[] {
  const problems: string[] = [];
  let i = 0;

  /** Reads alternatives up to the `)` that closes this level (or the end), checking each. */
  const readDisjunction = (depth: number): void => {
    let atoms: Atom[] = [];
    const endAlternative = () => {
      const first = atoms.find((a) => a.kind !== 'assertion');
      if (first?.quantified) problems.push(`an alternative starts with a quantified atom (at ${i})`);
      let previousQuantified = false;
      for (const a of atoms) {
        if (a.kind === 'assertion') continue;
        if (a.quantified && previousQuantified) problems.push(`two quantified atoms side by side (before ${i})`);
        previousQuantified = a.quantified;
      }
      atoms = [];
    };
    while (i < source.length) {
      const ch = source[i]!;
      if (ch === ')') {
        if (depth === 0) throw new Error(`unbalanced ) at ${i}`);
        endAlternative();
        i++;
        return;
      }
      if (ch === '|') {
        endAlternative();
        i++;
        continue;
      }
      let atom: Atom;
      if (ch === '(') {
        const assertion = /^\(\?(?:<?[=!])/.exec(source.slice(i, i + 4));
        i += assertion ? assertion[0].length : source.startsWith('(?:', i) ? 3 : 1;
        readDisjunction(depth + 1);
        atom = { kind: assertion ? 'assertion' : 'group', quantified: false };
      } else if (ch === '[') {
        i++;
        while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
        i++;
        atom = { kind: 'class', quantified: false };
      } else if (ch === '\\') {
        i += source[i + 1] === 'u' && source[i + 2] === '{' ? source.indexOf('}', i) + 1 - i : 2;
        atom = { kind: 'char', quantified: false };
      } else if (ch === '^' || ch === '$') {
        i++;
        atom = { kind: 'assertion', quantified: false };
      } else {
        i += String.fromCodePoint(source.codePointAt(i)!).length;
        atom = { kind: 'char', quantified: false };
      }
      const quantifier = /^(?:[?*+]|\{\d+(?:,\d*)?\})\??/.exec(source.slice(i, i + 12));
      if (quantifier) {
        i += quantifier[0].length;
        atom.quantified = true;
        if (atom.kind === 'group') problems.push(`a quantified group (before ${i})`);
      }
      atoms.push(atom);
    }
    if (depth > 0) throw new Error('unbalanced (');
    endAlternative();
  };

  readDisjunction(0);
  return problems;
}
