import { invalidPmml } from '../errors';

/**
 * One element of a parsed document: local name (namespace prefix dropped), attributes,
 * child elements and the concatenated text directly inside it.
 */
export class XmlElement {
  readonly children: XmlElement[] = [];
  text = '';

  constructor(
    readonly name: string,
    private attributeValues: Readonly<Record<string, string>>,
    readonly line: number,
  ) {}

  get attributes(): Readonly<Record<string, string>> {
    return this.attributeValues;
  }

  /**
   * Forgets the children, text and attributes of this element and all below it, once a
   * document is compiled: what is kept is the name and line, for messages. Attribute values
   * are slices of the document text and would keep all of it.
   */
  release(): void {
    for (const child of this.children) child.release();
    this.children.length = 0;
    this.text = '';
    this.attributeValues = {};
  }

  /** Where the element is, for error messages: `TreeModel (line 12)`. */
  get where(): string {
    return `${this.name} (line ${this.line})`;
  }

  has(attribute: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.attributes, attribute);
  }

  attr(attribute: string): string | undefined {
    return this.has(attribute) ? this.attributes[attribute] : undefined;
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
    const text = this.attr(attribute);
    if (text === undefined) return fallback;
    return this.parseNumber(attribute, text);
  }

  requiredNumberAttr(attribute: string): number {
    return this.parseNumber(attribute, this.requiredAttr(attribute));
  }

  integerAttr(attribute: string, fallback: number): number;
  integerAttr(attribute: string): number | undefined;
  integerAttr(attribute: string, fallback?: number): number | undefined {
    const value = this.numberAttr(attribute);
    if (value === undefined) return fallback;
    if (!Number.isInteger(value)) {
      throw invalidPmml(
        `${this.where}: attribute "${attribute}" must be an integer, not "${this.attributes[attribute]}".`,
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
