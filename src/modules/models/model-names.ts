/** Characters a model or group name keeps; every other character becomes an underscore. */
const UNSAFE_NAME_CHARACTERS = /[^A-Za-z0-9_.-]/g;
const MAX_NAME_LENGTH = 255;

/**
 * A name made safe for paths, file names and logs: letters, digits, `_`, `.` and `-` are kept,
 * anything else (spaces, slashes, quotes, non-ASCII letters) becomes `_`; at most 255 characters.
 */
export function safeName(name: string): string {
  return name.replace(UNSAFE_NAME_CHARACTERS, '_').slice(0, MAX_NAME_LENGTH);
}

/** The name of an uploaded file without its directory and last extension (`trees.pmml` → `trees`). */
export function fileBaseName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}
