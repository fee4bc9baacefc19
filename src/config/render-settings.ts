import { defaultOf, type Setting } from './setting-spec.js';

/** A group of settings as documentation shows them. */
export interface SettingsGroup {
  /** "Core", "Slack", "Discord". */
  title: string;
  /** One line under the group's heading in .env.example. */
  note: string;
  /** Its settings, in the order to show them. */
  settings: readonly Setting[];
}

/** The whole `.env.example`: every setting, with its default set or its example commented out. */
export function renderEnvExample(groups: readonly SettingsGroup[]): string {
  const lines = [
    '# Copy to .env and fill in what you use. With no platform tokens, `npm start` runs the local demo.',
    '# Generated from the settings declarations: `emcee settings --env-example > .env.example`.',
  ];
  for (const group of groups) {
    lines.push('', `# --- ${group.title}: ${group.note}`);
    for (const s of group.settings) {
      const fallback = defaultOf(s);
      lines.push(`# ${s.description}${s.secret ? ' (secret)' : ''}`);
      if (group.title === 'Core' && fallback !== undefined) lines.push(`${s.name}=${fallback}`);
      else lines.push(`# ${s.name}=${fallback ?? s.example ?? ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The README's configuration table, one row per setting. */
export function renderSettingsTable(groups: readonly SettingsGroup[]): string {
  const rows = ['| variable | default | what it does |', '| --- | --- | --- |'];
  for (const group of groups) {
    for (const s of group.settings) {
      const fallback = defaultOf(s);
      const what = `${group.title === 'Core' ? '' : `${group.title}: `}${s.description}${s.secret ? ' (secret)' : ''}`;
      rows.push(
        `| \`${s.name}\` | ${fallback === undefined ? 'unset' : `\`${fallback}\``} | ${what.replace(/\|/g, '\\|')} |`,
      );
    }
  }
  return rows.join('\n');
}

/** Each setting with where its value comes from, secrets masked: what `emcee settings` prints. */
export function describeCurrentSettings(
  groups: readonly SettingsGroup[],
  env: Record<string, string | undefined>,
): string {
  const width = Math.max(...groups.flatMap((g) => g.settings.map((s) => s.name.length)));
  const lines: string[] = [];
  for (const group of groups) {
    lines.push(`${group.title}:`);
    for (const s of group.settings) {
      const value = env[s.name];
      const set = value !== undefined && value !== '';
      const shown = !set ? `(default: ${defaultOf(s) ?? 'unset'})` : s.secret ? '•••••• (set)' : value;
      lines.push(`  ${s.name.padEnd(width)}  ${shown}`);
    }
  }
  return lines.join('\n');
}
