import type { ArgDef, ArgsDef, CommandDef, CommandMeta, Resolvable } from 'citty';
import { wrapText } from '../../lib/wrap-text.ts';

/** Help fits a normal terminal: citty's own usage pads every line to the widest description. */
export const HELP_WIDTH = 100;
/** Option names longer than this put their description on the next line. */
const NAME_COLUMN_MAX = 20;

/**
 * `--help` for a command (or for the CLI when it has subcommands): description, usage,
 * arguments, options and commands, each description wrapped at 100 columns under a hanging
 * indent. Plain text, no trailing spaces.
 */
export async function renderHelp(command: CommandDef<any>, parent?: CommandDef<any>): Promise<string> {
  const meta = (await resolve(command.meta)) ?? {};
  const parentMeta = parent ? ((await resolve(parent.meta)) ?? {}) : {};
  const name = [parentMeta.name, meta.name].filter(Boolean).join(' ');
  const args = Object.entries(((await resolve(command.args)) ?? {}) as ArgsDef);
  const positionals = args.filter(([, def]) => def.type === 'positional');
  const options = args.filter(([, def]) => def.type !== 'positional');
  const subCommands = Object.entries((await resolve(command.subCommands)) ?? {});

  const usage = [name, options.length > 0 ? '[OPTIONS]' : '', ...positionals.map(([n, def]) => positionalLabel(n, def)), subCommands.length > 0 ? '<command>' : ''];
  const lines = [...wrapText(`${meta.description ?? ''}${meta.version ? ` (v${meta.version})` : ''}`, HELP_WIDTH), '', ...wrapText(usage.filter(Boolean).join(' '), HELP_WIDTH, '       ', 'USAGE  '), ''];
  if (positionals.length > 0) lines.push('ARGUMENTS', ...columns(positionals.map(([n, def]) => [positionalLabel(n, def), describe(def)])), '');
  if (options.length > 0) lines.push('OPTIONS', ...columns(options.map(([n, def]) => [optionLabel(n, def), describe(def)])), '');
  if (subCommands.length > 0) {
    const rows: [string, string][] = [];
    for (const [sub, def] of subCommands) {
      const subMeta = await resolve((await resolve(def as Resolvable<CommandDef<any>>))?.meta);
      if (!subMeta?.hidden) rows.push([sub, subMeta?.description ?? '']);
    }
    lines.push('COMMANDS', ...columns(rows), '', ...wrapText(`Use \`${name} <command> --help\` for the options of a command.`, HELP_WIDTH));
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function positionalLabel(name: string, def: ArgDef): string {
  const label = (def.valueHint ?? name).toUpperCase();
  return 'required' in def && def.required === false ? `[${label}]` : `<${label}>`;
}

function optionLabel(name: string, def: ArgDef): string {
  const aliases = 'alias' in def && def.alias ? ([] as string[]).concat(def.alias).map((a) => `-${a}, `) : [];
  const hint = def.type === 'boolean' ? '' : ` <${def.valueHint ?? 'value'}>`;
  const negative = def.type === 'boolean' && def.default === true ? `, --no-${name}` : '';
  return `${aliases.join('')}--${name}${hint}${negative}`;
}

function describe(def: ArgDef): string {
  const text = def.description ?? '';
  const shown = def.default !== undefined && def.type !== 'boolean' && !/\(default/.test(text);
  return shown ? `${text} (default: ${String(def.default)})` : text;
}

/** Two columns: names padded to the widest (up to a limit), descriptions wrapped under a hanging indent. */
function columns(rows: [string, string][]): string[] {
  const width = Math.min(NAME_COLUMN_MAX, Math.max(...rows.map(([label]) => label.length)));
  const indent = ' '.repeat(2 + width + 2);
  return rows.flatMap(([label, text]) => {
    if (label.length > width) return [`  ${label}`, ...(text ? wrapText(text, HELP_WIDTH, indent) : [])];
    return wrapText(text || '', HELP_WIDTH, indent, `  ${label.padEnd(width)}  `);
  });
}

async function resolve<T>(value: Resolvable<T> | undefined): Promise<T | undefined> {
  return typeof value === 'function' ? await (value as () => T | Promise<T>)() : await value;
}
