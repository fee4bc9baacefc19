/**
 * Fills `{name}`-style placeholders; unknown placeholders stay visible so a typo shows in a dry run. Only the
 * values' own keys count: "{constructor}" or "{__proto__}" in a script must not reach Object.prototype.
 */
export function fillTemplate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    Object.hasOwn(values, key) ? String(values[key]) : whole,
  );
}
