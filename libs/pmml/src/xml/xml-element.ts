import { invalidPmml } from '../errors';

/** V8 makes a substring of this many characters or more a view into the string it came from. */
const SLICED_STRING_MIN_LENGTH = 13;

/**
 * `text` in memory of its own. Attribute values and texts are substrings of the document, and
 * a compiled model that kept one of them as it is would keep the whole document alive.
 */
export function detachedString(text: string): string {
  // Concatenation then slicing flattens into a new string, and the slice views that one.
  return text.length < SLICED_STRING_MIN_LENGTH ? text : (' ' + text).slice(1);
}

/**
 * One element of a parsed document: local name (namespace prefix dropped), attributes,
 * child elements and the concatenated text directly inside it. Strings it hands out are
 * detached from the document (see detachedString).
 */
export class XmlElement {
  readonly children: XmlElement[] = [];
  private rawText = '';

  constructor(
    readonly name: string,
    private attributeValues: Readonly<Record<string, string>>,
    readonly line: number,
  ) {}

  get text(): string {
    return detachedString(this.rawText);
  }

  appendText(chunk: string): void {
    this.rawText += chunk;
  }

  /** Every attribute as [name, value], in document order. */
  attributeEntries(): [string, string][] {
    return Object.entries(this.attributeValues).map(([name, value]) => [
      detachedString(name),
      detachedString(value),
    ]);
  }

  /**
   * Forgets the children, text and attributes of this element and all below it, once a
   * document is compiled: what is kept is the name and line, for messages.
   */
  release(): void {
    for (const child of this.children) child.release();
    this.children.length = 0;
    this.rawText = '';
    this.attributeValues = {};
  }

  /** Where the element is, for error messages: `TreeModel (line 12)`. */
  get where(): string {
    return `${this.name} (line ${this.line})`;
  }

  has(attribute: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.attributeValues, attribute);
  }

  attr(attribute: string): string | undefined {
    const value = this.rawAttr(attribute);
    return value === undefined ? undefined : detachedString(value);
  }

  requiredAttr(attribute: string): string {
    const value = this.attr(attribute);
    if (value === undefined) {
      throw invalidPmml(`${this.where}: the required attribute "${attribute}" is missing.`);
    }
    return value;
  }

  numberAttr(attribute: string, fallback: number): number;
  numberAttr(attribute: string): number | undefined;
  numberAttr(attribute: string, fallback?: number): number | undefined {
    // Numbers are not kept as text, so they are read from the document as it is.
    const text = this.rawAttr(attribute);
    if (text === undefined) return fallback;
    return this.parseNumber(attribute, text);
  }

  requiredNumberAttr(attribute: string): number {
    // requiredAttr only runs, and throws, when the attribute is missing.
    return this.parseNumber(attribute, this.rawAttr(attribute) ?? this.requiredAttr(attribute));
  }

  integerAttr(attribute: string, fallback: number): number;
  integerAttr(attribute: string): number | undefined;
  integerAttr(attribute: string, fallback?: number): number | undefined {
    const value = this.numberAttr(attribute);
    if (value === undefined) return fallback;
    if (!Number.isInteger(value)) {
      throw invalidPmml(
        `${this.where}: attribute "${attribute}" must be an integer, not "${this.rawAttr(attribute)}".`,
      );
    }
    return value;
  }

  booleanAttr(attribute: string, fallback: boolean): boolean {
    const text = this.attr(attribute);
    if (text === undefined) return fallback;
    if (text === 'true' || text === '1') return true;
    if (text === 'false' || text === '0') return false;
    throw invalidPmml(
      `${this.where}: attribute "${attribute}" must be true or false, not "${text}".`,
    );
  }

  /** An attribute restricted to a set of words; the first word is not implied as a default. */
  enumAttr<T extends string>(attribute: string, allowed: readonly T[], fallback: T): T;
  enumAttr<T extends string>(attribute: string, allowed: readonly T[]): T | undefined;
  enumAttr<T extends string>(
    attribute: string,
    allowed: readonly T[],
    fallback?: T,
  ): T | undefined {
    const text = this.attr(attribute);
    if (text === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(text)) {
      throw invalidPmml(
        `${this.where}: attribute "${attribute}" has the value "${text}"; allowed: ${allowed.join(', ')}.`,
      );
    }
    return text as T;
  }

  child(name: string): XmlElement | undefined {
    for (const child of this.children) if (child.name === name) return child;
    return undefined;
  }

  requiredChild(name: string): XmlElement {
    const found = this.child(name);
    if (!found) throw invalidPmml(`${this.where}: the required element ${name} is missing.`);
    return found;
  }

  childrenNamed(name: string): XmlElement[] {
    return this.children.filter((child) => child.name === name);
  }

  /** Children other than PMML's Extension elements, which carry vendor data we ignore. */
  get contentChildren(): XmlElement[] {
    return this.children.filter((child) => child.name !== 'Extension');
  }

  private rawAttr(attribute: string): string | undefined {
    return this.has(attribute) ? this.attributeValues[attribute] : undefined;
  }

  private parseNumber(attribute: string, text: string): number {
    const value = parseNumberText(text);
    if (value === undefined) {
      throw invalidPmml(`${this.where}: attribute "${attribute}" must be a number, not "${text}".`);
    }
    return value;
  }
}

const NUMBER_PATTERN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** PMML's number syntax (xs:double): decimal or scientific, plus INF, -INF and NaN. */
export function parseNumberText(text: string): number | undefined {
  const trimmed = text.trim();
  if (NUMBER_PATTERN.test(trimmed)) return Number(trimmed);
  switch (trimmed) {
    case 'NaN':
      return NaN;
    case 'INF':
    case 'Infinity':
    case '+INF':
      return Infinity;
    case '-INF':
    case '-Infinity':
      return -Infinity;
    default:
      return undefined;
  }
}
