/** Where and why a JSON text is not valid: browsers' JSON.parse messages no longer say where. */
export interface JsonSyntaxError {
  offset: number;
  line: number;
  column: number;
  message: string;
}

class Failure {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

/** A small JSON scanner that stops at the first error and reports its offset. */
class Scanner {
  i = 0;
  constructor(private readonly s: string) {}

  run(): void {
    this.value();
    this.space();
    if (this.i < this.s.length) this.fail('Unexpected text after the JSON value');
  }

  private fail(message: string): never {
    throw new Failure(this.i, message);
  }

  private space(): void {
    while (this.i < this.s.length && ' \t\n\r'.includes(this.s[this.i])) this.i++;
  }

  private match(re: RegExp): boolean {
    re.lastIndex = this.i;
    const m = re.exec(this.s);
    if (!m) return false;
    this.i += m[0].length;
    return true;
  }

  private value(): void {
    this.space();
    const c = this.s[this.i];
    if (c === '{') return this.members('}', () => this.pair());
    if (c === '[') return this.members(']', () => this.value());
    if (c === '"') return void (this.match(STRING) || this.fail('Unterminated or invalid string'));
    for (const word of ['true', 'false', 'null']) if (this.s.startsWith(word, this.i)) return void (this.i += word.length);
    if (this.match(NUMBER)) return;
    this.fail(c === undefined ? 'Unexpected end of the text: a value is missing' : `Unexpected ${JSON.stringify(c)}: a value is expected here`);
  }

  private pair(): void {
    this.space();
    if (this.s[this.i] !== '"') this.fail('A property name in double quotes is expected here');
    this.match(STRING) || this.fail('Unterminated or invalid property name');
    this.space();
    if (this.s[this.i] !== ':') this.fail('A colon is expected after the property name');
    this.i++;
    this.value();
  }

  private members(close: string, item: () => void): void {
    this.i++;
    this.space();
    if (this.s[this.i] === close) return void this.i++;
    for (;;) {
      item();
      this.space();
      const c = this.s[this.i];
      if (c === close) return void this.i++;
      if (c !== ',') this.fail(`A comma or ${JSON.stringify(close)} is expected here`);
      this.i++;
    }
  }
}

/** The first syntax error of a JSON text, with its line and column (1-based); undefined when it parses. */
export function findJsonError(text: string): JsonSyntaxError | undefined {
  try {
    new Scanner(text).run();
    return undefined;
  } catch (error) {
    if (!(error instanceof Failure)) throw error;
    const before = text.slice(0, error.offset);
    const line = before.split('\n').length;
    return { offset: error.offset, line, column: error.offset - before.lastIndexOf('\n'), message: error.message };
  }
}
