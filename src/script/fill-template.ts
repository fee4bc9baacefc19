/** Fills `{name}`-style placeholders; unknown placeholders stay visible so a typo shows in a dry run. */
export function fillTemplate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  );
}
