// V8's JSON.parse names no position for some errors ("Unexpected token '}', ..."), so pipeline files
// would be reported without a line. This small scanner finds where a text stops being JSON.

const TOKEN = /[ \t\n\r]*(?:[{}[\]:,]|"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/y;

class Failure {
  constructor(readonly offset: number) {}
}

class Tokens {
  private pos = 0;

  constructor(private readonly text: string) {}

  /** Reads the next token; undefined at the end of the text. */
  next(): { token: string; start: number } | undefined {
    TOKEN.lastIndex = this.pos;
    const match = TOKEN.exec(this.text);
    const start = this.pos + (/^[ \t\n\r]*/.exec(this.text.slice(this.pos))?.[0].length ?? 0);
    if (!match) {
      if (start >= this.text.length) return undefined;
      throw new Failure(start);
    }
    this.pos = TOKEN.lastIndex;
    return { token: match[0].slice(start - match.index), start };
  }

  expect(accept: (token: string) => boolean): string {
    const read = this.next();
    if (!read || !accept(read.token)) throw new Failure(read?.start ?? this.text.length);
    return read.token;
  }
}

const isString = (t: string) => t.startsWith('"');
const isScalar = (t: string) => !'{}[]:,'.includes(t);

function members(tokens: Tokens, close: '}' | ']'): void {
  const first = tokens.expect((t) => t === close || (close === '}' ? isString(t) : t === '{' || t === '[' || isScalar(t)));
  if (first === close) return;
  let token = first;
  for (;;) {
    if (close === '}') {
      tokens.expect((t) => t === ':');
      value(tokens, tokens.expect((t) => t === '{' || t === '[' || isScalar(t)));
    } else {
      value(tokens, token);
    }
    if (tokens.expect((t) => t === ',' || t === close) === close) return;
    token = tokens.expect(close === '}' ? isString : (t) => t === '{' || t === '[' || isScalar(t));
  }
}

function value(tokens: Tokens, token: string): void {
  if (token === '{') members(tokens, '}');
  else if (token === '[') members(tokens, ']');
}

/** Returns the offset at which a text stops being valid JSON, or undefined when it is valid JSON. */
export function jsonErrorOffset(text: string): number | undefined {
  const tokens = new Tokens(text);
  try {
    value(tokens, tokens.expect((t) => t === '{' || t === '[' || isScalar(t)));
    const extra = tokens.next();
    return extra ? extra.start : undefined;
  } catch (error) {
    if (error instanceof Failure) return error.offset;
    throw error;
  }
}
