/** A small stable number for a text: picks a person's wording variant so it varies between people, not on a retry. */
export function stableHash(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (hash * 31 + text.charCodeAt(i)) | 0;
  return Math.abs(hash);
}
