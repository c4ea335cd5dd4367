import colors from '@colors/colors/safe';
import { newTable } from '../../../functions/cli/output';

const ESC = '\u001b[';

function rendered(terminal: Parameters<typeof newTable>[1]): string {
  const table = newTable(['tenant', 'deleted'], terminal);
  table.push(['acme', 3]);
  return table.toString();
}

describe('tables on the terminal', () => {
  // The test's own stdout is a pipe (CI), where the colour library switches itself off: switch it on,
  // as a colour terminal would, so what is checked is the table's own decision.
  beforeAll(() => colors.enable());
  it('are coloured for a person at a terminal', () => {
    // Act
    const text = rendered({ stream: { isTTY: true }, env: {} });
    // Assess
    expect(text).toContain(ESC);
  });

  it('carry no escape codes when stdout is a pipe or a file', () => {
    // Act
    const text = rendered({ stream: { isTTY: false }, env: {} });
    // Assess
    expect(text).not.toContain(ESC);
    expect(text).toContain('│ acme   │ 3       │');
  });

  it('carry no escape codes when NO_COLOR is set, even at a terminal', () => {
    // Act
    const text = rendered({ stream: { isTTY: true }, env: { NO_COLOR: '1' } });
    // Assess
    expect(text).not.toContain(ESC);
  });

  it('are coloured at a terminal when NO_COLOR is set but empty (no-color.org)', () => {
    // Act
    const text = rendered({ stream: { isTTY: true }, env: { NO_COLOR: '' } });
    // Assess
    expect(text).toContain(ESC);
  });
});
