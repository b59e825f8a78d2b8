/** What a file holds, as the console shows it: text, or a note that it is binary. */
export interface FileContent {
  /** True when the bytes are not text (a NUL among the first 8000 bytes, git's own test). */
  binary: boolean;
  /** The bytes read as UTF-8 (invalid sequences as U+FFFD); empty for binary files. */
  text: string;
  size: number;
}

/** Reads base64 content (GetFile, GetBlob) as text, or marks it binary. */
export function fileContent(base64: string): FileContent {
  const raw = atob(base64);
  const bytes = Uint8Array.from(raw, (c) => c.charCodeAt(0));
  const binary = bytes.subarray(0, 8000).includes(0);
  return { binary, text: binary ? '' : new TextDecoder('utf-8').decode(bytes), size: bytes.length };
}

/** A size in bytes in words: `812 bytes`, `3.4 KB`, `1.2 MB`. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
