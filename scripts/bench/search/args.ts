/** Command-line flags of bench:search, read by the CLI and by the relevance part it runs in a child. */
export const args = process.argv.slice(2);

export const argValue = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
