/** Non-overlapping occurrences of `needle` (non-empty) in `haystack`: search ranking and compare signals. */
export function countOccurrences(haystack: string, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) count++;
  return count;
}
