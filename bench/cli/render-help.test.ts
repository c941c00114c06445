import { describe, expect, it } from 'vitest';
import { perflab, subCommands } from './main.ts';
import { HELP_WIDTH, renderHelp } from './render-help.ts';

async function everyHelpScreen(): Promise<[string, string][]> {
  const screens: [string, string][] = [['perflab', await renderHelp(perflab)]];
  for (const [name, load] of Object.entries(subCommands)) screens.push([name, await renderHelp(await load(), perflab)]);
  return screens;
}

describe('--help', () => {
  it('fits 100 columns with no trailing spaces, for the CLI and every command', async () => {
    const screens = await everyHelpScreen();
    expect(screens.length).toBe(Object.keys(subCommands).length + 1);
    for (const [name, text] of screens) {
      const bad = text.split('\n').filter((line) => line.length > HELP_WIDTH || /\s$/.test(line));
      expect(bad, `perflab ${name} --help`).toEqual([]);
    }
  });

  it('lists every option of a command with its description, defaults and the negated boolean', async () => {
    const run = await renderHelp(await subCommands.run!(), perflab);
    for (const flag of ['--driver <name>', '--only <ids>', '--duration <s>', '--connections <n>', '--json', '--calibrate, --no-calibrate', '[ID…]']) expect(run).toContain(flag);
    expect(run).toContain('(default: autocannon)');
    expect(run).toMatch(/^USAGE {2}perflab run \[OPTIONS\] \[ID…\]$/m);
    // a wrapped description continues under its own column, not at the margin
    const lines = run.split('\n');
    const connections = lines.findIndex((line) => line.trimStart().startsWith('--connections'));
    expect(lines[connections + 1]).toMatch(/^ {20,}\S/);
  });

  it('lists the commands of the CLI', async () => {
    const text = await renderHelp(perflab);
    for (const name of Object.keys(subCommands)) expect(text).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
  });
});
